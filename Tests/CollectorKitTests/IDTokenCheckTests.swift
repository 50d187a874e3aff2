import Crypto
import Foundation
import JWTKit
import XCTest
import Model
import _CryptoExtras
@testable import CollectorKit

/// The ID-token check against tokens signed here with jwt-kit and a JWKS of the signing key: every token the issuer
/// must refuse is refused, with a message that names what is wrong and no claim's value.
final class IDTokenCheckTests: XCTestCase {
    private struct Claims: JWTPayload {
        var iss = "https://provider.example"
        var sub = "subject-4242"
        var aud: [String] = ["consult"]
        var exp: Double
        var iat: Double
        var nonce: String? = "nonce-1"
        var birthdate: String? = "1990-05-01"
        var given_name: String? = "Alice"

        init(now: Date) {
            exp = now.timeIntervalSince1970 + 300
            iat = now.timeIntervalSince1970 - 5
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    private static let now = Date(timeIntervalSince1970: 1_796_000_000)
    private static let providerKey = try! JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    private static let otherKey = try! JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))

    private static var jwks: JWKS {
        let (modulus, exponent) = try! providerKey.publicKey.getKeyPrimitives()
        return JWKS(keys: [JWK.rsa(.rs256, identifier: JWKIdentifier(string: "provider-1"),
                                   modulus: Base64URL.encode(modulus), exponent: Base64URL.encode(exponent))])
    }

    private let expected = IDTokenExpectations(issuer: "https://provider.example", clientID: "consult", requiredClaims: ["given_name"], minimumAge: 18)

    private func sign(_ claims: Claims, with key: JWTKit.Insecure.RSA.PrivateKey = providerKey) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: "provider-1"))
        return try await keys.sign(claims, kid: JWKIdentifier(string: "provider-1"))
    }

    private func check(_ token: String, expected: IDTokenExpectations? = nil, nonce: String = "nonce-1") async -> Result<IDTokenClaims, LoginRefusal> {
        await IDTokenVerifier(jwks: Self.jwks).verify(token, expecting: expected ?? self.expected, nonce: nonce, now: Self.now)
    }

    private func assertRefused(_ claims: Claims, with key: JWTKit.Insecure.RSA.PrivateKey = providerKey, expected: IDTokenExpectations? = nil,
                               _ code: LoginRefusal.Code, saying words: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let token = try await sign(claims, with: key)
        guard case .failure(let refusal) = await check(token, expected: expected) else { return XCTFail("taken", file: file, line: line) }
        XCTAssertEqual(refusal.code, code, refusal.reason, file: file, line: line)
        XCTAssertTrue(refusal.reason.contains(words), "\(refusal.reason) does not say \(words)", file: file, line: line)
        for value in ["subject-4242", "Alice", "1990-05-01", "nonce-1", "other-nonce"] {
            XCTAssertFalse(refusal.reason.contains(value), "\(refusal.reason) names a value", file: file, line: line)
        }
    }

    func testATokenOfTheProviderForThisLoginIsTaken() async throws {
        let token = try await sign(Claims(now: Self.now))
        let claims = try await check(token).get()
        XCTAssertEqual(claims.subject, "subject-4242")
        XCTAssertEqual(claims.issuer, "https://provider.example")
        XCTAssertTrue(claims.present.contains("given_name"))
    }

    func testAWrongNonceAudienceOrIssuerIsRefused() async throws {
        var claims = Claims(now: Self.now)
        claims.nonce = "other-nonce"
        try await assertRefused(claims, .loginFailed, saying: "nonce")
        claims = Claims(now: Self.now)
        claims.nonce = nil
        try await assertRefused(claims, .loginFailed, saying: "nonce")
        claims = Claims(now: Self.now)
        claims.aud = ["another-client"]
        try await assertRefused(claims, .loginFailed, saying: "audience (aud)")
        claims = Claims(now: Self.now)
        claims.iss = "https://provider.example.evil"
        try await assertRefused(claims, .loginFailed, saying: "issuer (iss)")
    }

    func testAnExpiredTokenOrOneIssuedInTheFutureIsRefusedBeyondTheLeeway() async throws {
        var claims = Claims(now: Self.now)
        claims.exp = Self.now.timeIntervalSince1970 - 61
        try await assertRefused(claims, .loginFailed, saying: "expired")
        claims.exp = Self.now.timeIntervalSince1970 - 30
        let withinLeeway = await check(try await sign(claims))
        XCTAssertNotNil(try? withinLeeway.get(), "a token expired 30 seconds ago is within the leeway")
        claims = Claims(now: Self.now)
        claims.iat = Self.now.timeIntervalSince1970 + 120
        try await assertRefused(claims, .loginFailed, saying: "issued in the future")
    }

    func testASignatureByAnotherKeyOrNoneIsRefused() async throws {
        try await assertRefused(Claims(now: Self.now), with: Self.otherKey, .loginFailed, saying: "signature")
        let token = try await sign(Claims(now: Self.now))
        let parts = token.split(separator: ".")
        let unsigned = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        guard case .failure(let refusal) = await check(unsigned) else { return XCTFail("an unsigned token was taken") }
        XCTAssertTrue(refusal.reason.contains("not with a public-key algorithm"), refusal.reason)
        guard case .failure(let garbage) = await check("not a token") else { return XCTFail("garbage was taken") }
        XCTAssertTrue(garbage.reason.contains("not a signed JWT"), garbage.reason)
    }

    func testAMissingRequiredClaimOrAnAgeUnderTheMinimumMakesThePersonNotEligible() async throws {
        var claims = Claims(now: Self.now)
        claims.given_name = nil
        try await assertRefused(claims, .notEligible, saying: "lacks the claim given_name")
        claims = Claims(now: Self.now)
        claims.birthdate = nil
        try await assertRefused(claims, .notEligible, saying: "birthdate")
        claims = Claims(now: Self.now)
        claims.birthdate = "2010-01-01"
        try await assertRefused(claims, .notEligible, saying: "under --min-age 18")
        claims.birthdate = "1990-02-30"
        try await assertRefused(claims, .notEligible, saying: "not a date")
    }

    func testAgeCountsWholeYearsOnTheDay() {
        // 2026-11-30T12:00:00Z
        let now = Date(timeIntervalSince1970: 1_796_040_000)
        XCTAssertEqual(Birthdate.age("2008-11-30", now: now), 18)
        XCTAssertEqual(Birthdate.age("2008-12-01", now: now), 17)
        XCTAssertEqual(Birthdate.age("2008", now: now), 17)
        XCTAssertEqual(Birthdate.age("2007", now: now), 18)
        for invalid in ["", "2008-13-01", "2008-02-30", "0000-05-01", "08-11-30", "2008-1-30", "２００８-11-30", "2030-01-01"] {
            XCTAssertNil(Birthdate.age(invalid, now: now), invalid)
        }
    }
}
