import XCTest
@testable import Model

final class VerifyRulesTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func receipt(_ letter: Character) -> Bytes32 { Bytes32(hex: String(repeating: letter, count: 64))! }

    func testTheLastOrFirstIssuedBallotOfAGroupCountsWhateverTheInputOrder() {
        let groups = ["k1", "k1", "k2", "k1"]
        let orders = [RevoteOrder(issued: t0.addingTimeInterval(10), receipt: receipt("b")),
                      RevoteOrder(issued: t0.addingTimeInterval(20), receipt: receipt("a")),
                      RevoteOrder(issued: t0.addingTimeInterval(5), receipt: receipt("c")),
                      RevoteOrder(issued: t0.addingTimeInterval(20), receipt: receipt("d"))]
        func losers(_ candidates: [Int], _ policy: RevotePolicy) -> [Int: Int] {
            Dictionary(uniqueKeysWithValues: Supersession.losers(candidates, group: { groups[$0] }, order: { orders[$0] }, policy: policy)
                .map { ($0.loser, $0.winner) })
        }
        XCTAssertEqual(losers([0, 1, 2, 3], .last), [0: 3, 1: 3])
        XCTAssertEqual(losers([3, 2, 1, 0], .last), [0: 3, 1: 3])
        XCTAssertEqual(losers([0, 1, 2, 3], .first), [1: 0, 3: 0])
        XCTAssertEqual(losers([3, 2, 1, 0], .first), [1: 0, 3: 0])
        // Signed in the same second: the greater receipt, never an arrival time, which no signature covers.
        XCTAssertLessThan(RevoteOrder(issued: t0, receipt: receipt("0")), RevoteOrder(issued: t0, receipt: receipt("f")))
        XCTAssertEqual(Bytes32(hex: receipt("e").hex), receipt("e"))
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
