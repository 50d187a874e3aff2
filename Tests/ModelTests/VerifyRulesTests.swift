import XCTest
@testable import Model

final class VerifyRulesTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func candidate(_ index: Int, _ group: String, issued: TimeInterval, receipt: String) -> RevoteCandidate {
        RevoteCandidate(index: index, group: group, issued: t0.addingTimeInterval(issued), receivedAt: "2027-01-15T08:00:00.000Z", receipt: receipt)
    }

    func testTheLastOrFirstIssuedBallotOfAGroupCountsWhateverTheInputOrder() {
        let candidates = [candidate(0, "k1", issued: 10, receipt: "b"), candidate(1, "k1", issued: 20, receipt: "a"),
                          candidate(2, "k2", issued: 5, receipt: "c"), candidate(3, "k1", issued: 20, receipt: "d")]
        XCTAssertEqual(Supersession.losers(candidates, policy: .last), [0: 3, 1: 3])
        XCTAssertEqual(Supersession.losers(candidates.reversed(), policy: .last), [0: 3, 1: 3])
        XCTAssertEqual(Supersession.losers(candidates, policy: .first), [1: 0, 3: 0])
        XCTAssertEqual(Supersession.losers(candidates.reversed(), policy: .first), [1: 0, 3: 0])
    }

    func testIdentityIgnoresCaseSpacesAndCheckboxes() {
        let fields = [IdentityField(id: "name", kind: .text, label: [:]), IdentityField(id: "email", kind: .email, label: [:]),
                      IdentityField(id: "adult", kind: .checkbox, label: [:])]
        let a = IdentityKey.key(["name": "Ann  Lee ", "email": "Ann@Example.org", "adult": "yes"], fields: fields)
        let b = IdentityKey.key(["name": "ann lee", "email": "ann@example.org"], fields: fields)
        XCTAssertNotNil(a)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, IdentityKey.key(["name": "Ann Leeds", "email": "ann@example.org"], fields: fields))
        XCTAssertNil(IdentityKey.key(["adult": "yes"], fields: fields))
    }

    func testRateFlagsMarkAddressesDomainsAndSpeedOverTheirLimits() {
        let samples = [
            RateSample(addressHash: "h1", emailDomain: "mass.example", issued: t0, receivedAt: t0.addingTimeInterval(0.5)),
            RateSample(addressHash: "h1", emailDomain: "mass.example", issued: t0, receivedAt: t0.addingTimeInterval(30)),
            RateSample(addressHash: "h2", emailDomain: "other.example", issued: t0, receivedAt: t0.addingTimeInterval(30)),
        ]
        let flags = RateFlags.flags(samples, limits: RateLimits(perAddress: 1, perEmailDomain: 1, fastestSeconds: 2))
        XCTAssertEqual(flags, [[.sameAddress, .sameDomain, .tooFast], [.sameAddress, .sameDomain], []])
        XCTAssertEqual(RateFlags.flags(samples, limits: RateLimits()), [[], [], []])
        XCTAssertEqual(RateFlags.emailDomain("A@Mass.Example"), "mass.example")
        XCTAssertNil(RateFlags.emailDomain("nobody"))
    }
}
