import Crypto
import Foundation
import Model
import XCTest
import _CryptoExtras
@testable import CollectorKit

/// `collector issuer` against a real OpenID Connect provider on loopback (oidc-provider-mock), driven as a browser
/// would: the login's redirects, the provider's form, the grant in the page's fragment, a blinded message posted,
/// and the unblinded signature checked with the roll's published key (`Model.IssuerKey`).
final class IssuerFlowTests: XCTestCase {
    private static let site = "https://consult.example.org"
    private static let page = site + "/en/petitions/bike-lanes/"
    private static let roll = "petitions-2026"

    private var folder: URL!
    private var provider: OIDCProviderMock!
    private var keyFile: URL { folder.appendingPathComponent("issuer.pem") }
    private var filingKeyFile: URL { folder.appendingPathComponent("filing.pem") }
    private var database: URL { folder.appendingPathComponent("issuer.sqlite") }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("issuer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        provider = try OIDCProviderMock()
        try Data("issuer-client-secret\n".utf8).write(to: folder.appendingPathComponent("client-secret"))
        chmod(folder.appendingPathComponent("client-secret").path, 0o600)
    }

    override func tearDownWithError() throws {
        provider.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private func makeKey(_ file: URL? = nil) throws -> String {
        let made = try CommandLineRun(["issuer", "key", "--out", (file ?? keyFile).path])
        XCTAssertEqual(made.status, 0, made.errors)
        return made.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func startIssuer(_ extra: [String] = []) throws -> IssuerProcess {
        try IssuerProcess(arguments: ["--roll", Self.roll, "--key", keyFile.path, "--db", database.path, "--discovery", provider.discovery,
                                      "--client-id", "consult-issuer", "--client-secret-file", folder.appendingPathComponent("client-secret").path,
                                      "--site", Self.site, "--scope", "openid profile"] + extra, folder: folder)
    }

    /// The login as a browser makes it: the issuer's redirect, the provider's form filled in as `subject`, the
    /// provider's redirect to the callback; the issuer's last redirect's location.
    private func logIn(_ issuer: IssuerProcess, as subject: String, purpose: String? = nil) throws -> String {
        let login = try HTTPClient.request("GET", issuer.origin + "/v1/login?return=" + PercentEncoding.encode(Self.page)
                                                  + (purpose.map { "&purpose=" + $0 } ?? ""))
        XCTAssertEqual(login.status, 303, login.body)
        let authorize = try XCTUnwrap(login.headers["location"])
        let query = Dictionary(uniqueKeysWithValues: (URLComponents(string: authorize)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        XCTAssertTrue(authorize.hasPrefix(provider.origin + "/oauth2/authorize?"), authorize)
        XCTAssertEqual(query["response_type"], "code")
        XCTAssertEqual(query["code_challenge_method"], "S256")
        XCTAssertEqual(query["prompt"], "login", "a fresh login each time, whoever used the screen before")
        XCTAssertEqual(query["redirect_uri"], issuer.origin + "/v1/callback")
        XCTAssertEqual(query["client_id"], "consult-issuer")
        XCTAssertEqual(query["state"]?.count, 43)
        XCTAssertEqual(query["nonce"]?.count, 43)
        XCTAssertEqual(query["code_challenge"]?.count, 43)
        let form = try HTTPClient.request("GET", authorize)
        XCTAssertEqual(form.status, 200)
        let chosen = try HTTPClient.request("POST", authorize, body: "sub=" + PercentEncoding.encode(subject),
                                            contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(chosen.status, 302, chosen.body)
        let callback = try XCTUnwrap(chosen.headers["location"])
        XCTAssertTrue(callback.hasPrefix(issuer.origin + "/v1/callback?"), callback)
        let back = try HTTPClient.request("GET", callback)
        XCTAssertEqual(back.status, 303, back.body)
        return try XCTUnwrap(back.headers["location"])
    }

    private func post(_ issuer: IssuerProcess, _ fields: [String: String], origin: String? = site, to path: String = "/v1/credentials") throws -> RawHTTP.Answer {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        return try HTTPClient.request("POST", issuer.origin + path, body: body, contentType: "application/json",
                                      headers: origin.map { [("Origin", $0)] } ?? [])
    }

    private func json(_ answer: RawHTTP.Answer) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any], answer.body)
    }

    /// A refusal's code, in the collector's shape `{"error": {"code": ...}}`.
    private func code(_ answer: RawHTTP.Answer) throws -> String? {
        (try json(answer)["error"] as? [String: Any])?["code"] as? String
    }

    /// The page's half of RFC 9474: the prepared message (32 random bytes, then the message) and its blinding.
    private func blind(_ message: [UInt8], keyText: String) throws -> (prepared: Data, blinded: _RSA.BlindSigning.BlindingResult,
                                                                     key: _RSA.BlindSigning.PublicKey<SHA384>) {
        let prepared = Data((0..<32).map { _ in UInt8.random(in: 0...255) } + message)
        // Blinding does not depend on how the message was prepared; `Deterministic` takes the prepared bytes as they are.
        let key = try _RSA.BlindSigning.PublicKey<SHA384>(derRepresentation: try XCTUnwrap(Base64URL.decode(keyText)),
                                                          parameters: .RSABSSA_SHA384_PSS_Deterministic)
        return (prepared, try key.blind(key.prepare(prepared)), key)
    }

    func testAnEligiblePersonGetsOneCredentialThatTheRollsKeyChecksAndTheIssuerKeepsNoOneIn() throws {
        let keyText = try makeKey()
        var status = stat()
        XCTAssertEqual(stat(keyFile.path, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o600)
        XCTAssertEqual(try CommandLineRun(["issuer", "key", "--print", keyFile.path]).output.trimmingCharacters(in: .whitespacesAndNewlines), keyText)
        let again = try CommandLineRun(["issuer", "key", "--out", keyFile.path])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.errors.contains("never replaced"), again.errors)

        let claims = ["birthdate": "1990-05-01", "name": "Alice Zedkowska", "email": "alice.zedkowska@example.org"]
        try provider.setClaims(claims, subject: "alice-subject-77")
        let issuer = try startIssuer(["--min-age", "18", "--require-claim", "name"])
        let published = try json(try HTTPClient.request("GET", issuer.origin + "/v1/key"))
        XCTAssertEqual(published["roll"] as? String, Self.roll)
        XCTAssertEqual(published["key"] as? String, keyText)

        let back = try logIn(issuer, as: "alice-subject-77")
        XCTAssertTrue(back.hasPrefix(Self.page + "#credential_grant="), back)
        let grant = String(back.dropFirst((Self.page + "#credential_grant=").count))
        XCTAssertEqual(Base64URL.decode(grant)?.count, 32)

        let votingKey = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation
        let message = Array(SHA384.hash(data: votingKey))
        let (prepared, blinded, key) = try blind(message, keyText: keyText)
        XCTAssertEqual(blinded.blindedMessage.count, 384)
        let blindedText = Base64URL.encode(blinded.blindedMessage)
        let answer = try post(issuer, ["grant": grant, "blinded": blindedText])
        XCTAssertEqual(answer.status, 201, answer.body)
        XCTAssertEqual(answer.headers["access-control-allow-origin"], Self.site)
        let blindSignatureText = try XCTUnwrap(try json(answer)["blind_signature"] as? String)
        let blindSignature = _RSA.BlindSigning.BlindSignature(rawRepresentation: try XCTUnwrap(Base64URL.decode(blindSignatureText)))
        let signature = try key.finalize(blindSignature, for: key.prepare(prepared), blindingInverse: blinded.inverse).rawRepresentation
        XCTAssertTrue(try IssuerKey(subjectPublicKeyInfo: Data(XCTUnwrap(Base64URL.decode(keyText)))).isValid(signature: signature, prepared: prepared))
        var forged = prepared
        forged[forged.count - 1] ^= 1
        XCTAssertFalse(try IssuerKey(subjectPublicKeyInfo: Data(XCTUnwrap(Base64URL.decode(keyText)))).isValid(signature: signature, prepared: forged))

        // The grant was used; a second login of the same person gets no grant, and a second post no signature.
        let reused = try post(issuer, ["grant": grant, "blinded": blindedText])
        XCTAssertEqual(reused.status, 403)
        XCTAssertEqual(try code(reused), "bad_grant")
        XCTAssertEqual(try logIn(issuer, as: "alice-subject-77"), Self.page + "#credential_error=already_issued")
        let subjectDigest = try SubjectKey(file: SubjectKey.defaultPath(database: database.path), randomBytes: { _ in [] })
            .digest(issuer: provider.origin, subject: "alice-subject-77")
        XCTAssertTrue(try IssuedStore(path: database.path).isIssued(roll: Self.roll, digest: subjectDigest))

        // Another person is issued their own.
        try provider.setClaims(claims.merging(["name": "Bruno Quist"]) { $1 }, subject: "bruno-subject-78")
        let bruno = try logIn(issuer, as: "bruno-subject-78")
        XCTAssertTrue(bruno.hasPrefix(Self.page + "#credential_grant="), bruno)
        let (_, brunoBlinded, _) = try blind(message, keyText: keyText)
        let brunoGrant = String(bruno.dropFirst((Self.page + "#credential_grant=").count))
        XCTAssertEqual(try post(issuer, ["grant": brunoGrant, "blinded": Base64URL.encode(brunoBlinded.blindedMessage)]).status, 201)
        issuer.stop()

        // What the issuer keeps: its database (with its WAL) and its log name no one and hold nothing it signed.
        let kept = try ["issuer.sqlite", "issuer.sqlite-wal"].compactMap { name -> Data? in
            let url = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        }
        let log = Data(issuer.logText.utf8)
        XCTAssertTrue(issuer.logText.contains("credential issued"), issuer.logText)
        let secrets = ["alice-subject-77", "bruno-subject-78", "Alice Zedkowska", "Bruno Quist", "alice.zedkowska@example.org", "1990-05-01",
                       blindedText, blindSignatureText, grant, brunoGrant]
        for file in kept + [log] {
            for secret in secrets { XCTAssertNil(file.range(of: Data(secret.utf8)), "\(secret) is kept") }
            XCTAssertNil(file.range(of: blinded.blindedMessage.prefix(16)), "the blinded message is kept")
            XCTAssertNil(file.range(of: blindSignature.rawRepresentation.prefix(16)), "the blind signature is kept")
        }
    }

    func testTwoLoginsOfOnePersonBeforeEitherGrantIsUsedGiveOneCredential() throws {
        let keyText = try makeKey()
        try provider.setClaims(["birthdate": "1985-03-04"], subject: "erin-subject-81")
        let issuer = try startIssuer()
        let prefix = Self.page + "#credential_grant="
        let grants = try (0..<2).map { _ in String(try logIn(issuer, as: "erin-subject-81").dropFirst(prefix.count)) }
        XCTAssertNotEqual(grants[0], grants[1])
        let (_, blinded, _) = try blind(Array(SHA384.hash(data: Data("a key".utf8))), keyText: keyText)
        let first = try post(issuer, ["grant": grants[1], "blinded": Base64URL.encode(blinded.blindedMessage)])
        XCTAssertEqual(first.status, 201, first.body)
        let second = try post(issuer, ["grant": grants[0], "blinded": Base64URL.encode(blinded.blindedMessage)])
        XCTAssertEqual(second.status, 409, second.body)
        XCTAssertEqual(try code(second), "already_issued")
        XCTAssertNil(try json(second)["blind_signature"])
    }

    func testAPersonUnderTheMinimumAgeOrWithoutARequiredClaimGetsNoGrant() throws {
        _ = try makeKey()
        let issuer = try startIssuer(["--min-age", "18", "--require-claim", "name"])
        let young = Calendar(identifier: .gregorian).date(byAdding: .year, value: -16, to: Date())!
        let birthdate = ISO8601DateFormatter.string(from: young, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        try provider.setClaims(["birthdate": birthdate, "name": "Chloe Young"], subject: "chloe-subject-79")
        XCTAssertEqual(try logIn(issuer, as: "chloe-subject-79"), Self.page + "#credential_error=not_eligible")
        try provider.setClaims(["birthdate": "1970-01-02"], subject: "dan-subject-80")
        XCTAssertEqual(try logIn(issuer, as: "dan-subject-80"), Self.page + "#credential_error=not_eligible")
        issuer.stop()
        XCTAssertTrue(issuer.logText.contains("under --min-age 18"), issuer.logText)
        XCTAssertTrue(issuer.logText.contains("lacks the claim name"), issuer.logText)
        for value in ["chloe-subject-79", "Chloe Young", birthdate, "dan-subject-80", "1970-01-02"] {
            XCTAssertFalse(issuer.logText.contains(value), "the log names \(value)")
        }
    }

    func testReturnAddressesOffTheSitesBadGrantsAndBadBlindedMessagesAreRefused() throws {
        _ = try makeKey()
        let issuer = try startIssuer()
        for target in ["https://evil.example/", "https://consult.example.org.evil.example/", "/en/petitions/", "//evil.example/",
                       "javascript:alert(1)", "https://consult.example.org\\@evil.example/"] {
            let answer = try HTTPClient.request("GET", issuer.origin + "/v1/login?return=" + PercentEncoding.encode(target))
            XCTAssertEqual(answer.status, 400, target)
            XCTAssertNil(answer.headers["location"], target)
            XCTAssertEqual(try code(answer), "invalid_return", target)
        }
        XCTAssertEqual(try HTTPClient.request("GET", issuer.origin + "/v1/login").status, 400)
        let unknown = try HTTPClient.request("GET", issuer.origin + "/v1/callback?code=abc&state=never-issued")
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual(try code(unknown), "unknown_login")

        let full = Base64URL.encode([UInt8](repeating: 1, count: 384))
        let badGrant = try post(issuer, ["grant": Base64URL.encode([UInt8](repeating: 7, count: 32)), "blinded": full])
        XCTAssertEqual(badGrant.status, 403)
        XCTAssertEqual(try code(badGrant), "bad_grant")
        for (blinded, words) in [(Base64URL.encode([UInt8](repeating: 1, count: 256)), "384 bytes"), (full + "=", "base64url"),
                                 (Base64URL.encode([UInt8](repeating: 0xFF, count: 384)), "under the issuer key's modulus")] {
            let answer = try post(issuer, ["grant": "whatever", "blinded": blinded])
            XCTAssertEqual(answer.status, 422, answer.body)
            let error = try XCTUnwrap(try json(answer)["error"] as? [String: Any], answer.body)
            XCTAssertEqual(error["field"] as? String, "blinded")
            XCTAssertTrue((error["message"] as? String ?? "").contains(words), answer.body)
        }
        XCTAssertEqual(try post(issuer, ["blinded": full]).status, 422)
        XCTAssertEqual(try HTTPClient.request("POST", issuer.origin + "/v1/credentials", body: "{", contentType: "application/json").status, 400)
        XCTAssertEqual(try HTTPClient.request("POST", issuer.origin + "/v1/credentials", body: "{}", contentType: "text/plain").status, 415)

        // CORS: the site's pages may call; another origin's may not.
        let preflight = try HTTPClient.request("OPTIONS", issuer.origin + "/v1/credentials",
                                               headers: [("Origin", Self.site), ("Access-Control-Request-Method", "POST")])
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.headers["access-control-allow-origin"], Self.site)
        XCTAssertEqual(preflight.headers["access-control-allow-headers"], "Content-Type")
        let elsewhere = try post(issuer, ["grant": "g", "blinded": full], origin: "https://evil.example")
        XCTAssertEqual(elsewhere.status, 403)
        XCTAssertNil(elsewhere.headers["access-control-allow-origin"])
        XCTAssertEqual(try HTTPClient.request("GET", issuer.origin + "/healthz").status, 200)

        // The collector's defences: a transfer coding other than chunked, and a body past the limit.
        let coded = try RawHTTP.exchange(port: issuer.port, request: "POST /v1/credentials HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                                  + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", answers: 1)
        XCTAssertEqual(coded[0].status, 501)
        let large = try HTTPClient.request("POST", issuer.origin + "/v1/credentials", body: String(repeating: " ", count: 20_000), contentType: "application/json")
        XCTAssertEqual(large.status, 413)
    }

    func testBadOptionsAndFilesAreNamedWithTheirFix() throws {
        let common = ["issuer", "serve", "--roll", Self.roll, "--db", database.path, "--discovery", provider.discovery, "--client-id", "c",
                      "--client-secret-file", folder.appendingPathComponent("client-secret").path, "--public-url", "http://127.0.0.1:1",
                      "--site", Self.site, "--port", "0"]
        let noKey = try CommandLineRun(common + ["--key", keyFile.path], timeout: 20)
        XCTAssertNotEqual(noKey.status, 0)
        XCTAssertTrue(noKey.errors.contains("--key") && noKey.errors.contains("collector issuer key --out"), noKey.errors)
        _ = try makeKey()
        chmod(folder.appendingPathComponent("client-secret").path, 0o644)
        let readable = try CommandLineRun(common + ["--key", keyFile.path], timeout: 20)
        XCTAssertTrue(readable.errors.contains("--client-secret-file") && readable.errors.contains("chmod 600"), readable.errors)
        chmod(folder.appendingPathComponent("client-secret").path, 0o600)
        var offline = common
        offline[offline.firstIndex(of: provider.discovery)!] = "http://127.0.0.1:\(try freeLoopbackPort())/.well-known/openid-configuration"
        let unreachable = try CommandLineRun(offline + ["--key", keyFile.path], timeout: 40)
        XCTAssertTrue(unreachable.errors.contains("--discovery"), unreachable.errors)
        let foreign = folder.appendingPathComponent("collector.sqlite")
        try SQLiteConnection(path: foreign.path).execute("CREATE TABLE submissions (receipt TEXT)")
        var otherDatabase = common
        otherDatabase[otherDatabase.firstIndex(of: database.path)!] = foreign.path
        let wrongDatabase = try CommandLineRun(otherDatabase + ["--key", keyFile.path], timeout: 20)
        XCTAssertTrue(wrongDatabase.errors.contains("--db") && wrongDatabase.errors.contains("not an issuer's database"), wrongDatabase.errors)
        let noSite = try CommandLineRun(Array(common.dropLast(4)) + ["--port", "0", "--key", keyFile.path], timeout: 20)
        XCTAssertTrue(noSite.errors.contains("--site"), noSite.errors)
        let noOpenID = try CommandLineRun(common + ["--key", keyFile.path, "--scope", "profile"], timeout: 20)
        XCTAssertTrue(noOpenID.errors.contains("--scope"), noOpenID.errors)
        let both = try CommandLineRun(["issuer", "key", "--out", keyFile.path, "--print", keyFile.path])
        XCTAssertTrue(both.errors.contains("either --out"), both.errors)
    }
}

// MARK: - Filing (issue 23): a petition filed under the name the provider gives, attested by a key of its own.

extension IssuerFlowTests {
    private var clientSecretFile: URL { folder.appendingPathComponent("client-secret") }

    /// The scope the issuer's redirect to the provider asks, for a login of `purpose` (nil: a credential's).
    private func askedScope(_ issuer: IssuerProcess, purpose: String? = nil) throws -> String? {
        let login = try HTTPClient.request("GET", issuer.origin + "/v1/login?return=" + PercentEncoding.encode(Self.page)
                                                  + (purpose.map { "&purpose=" + $0 } ?? ""))
        XCTAssertEqual(login.status, 303, login.body)
        return URLComponents(string: try XCTUnwrap(login.headers["location"]))?.queryItems?.first { $0.name == "scope" }?.value
    }

    private func filingGrant(_ issuer: IssuerProcess, as subject: String) throws -> String {
        let back = try logIn(issuer, as: subject, purpose: "file")
        XCTAssertTrue(back.hasPrefix(Self.page + "#filing_grant="), back)
        return String(back.dropFirst((Self.page + "#filing_grant=").count))
    }

    /// Everything the issuer keeps and wrote, as text: its database, its WAL and its log (after it stops).
    private func issuerFilesText(_ issuer: IssuerProcess) throws -> String {
        issuer.stop()
        let files = try ["issuer.sqlite", "issuer.sqlite-wal"].compactMap { name -> Data? in
            let url = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        }
        return files.map { String(decoding: $0.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self) }.joined() + issuer.logText
    }

    private func publishedKey(_ text: String) throws -> IssuerKey {
        try IssuerKey(subjectPublicKeyInfo: Data(XCTUnwrap(Base64URL.decode(text))))
    }

    func testAFilingLoginGetsTheProvidersNameAttestedUnderTheFilingKeyLeavesTheCredentialAndKeepsNoFiler() throws {
        let keyText = try makeKey()
        let filingText = try makeKey(filingKeyFile)
        let claims = ["birthdate": "1988-02-29", "given_name": " Zoé ", "family_name": "Martin-Lefèvre", "email": "zoe.martin@example.org"]
        try provider.setClaims(claims, subject: "zoe-subject-90")
        // The mock provider gives standard claims under `profile` only; FranceConnect's scopes are the default's.
        let issuer = try startIssuer(["--min-age", "18", "--filing-key", filingKeyFile.path, "--filing-scope", "openid profile"])
        let published = try json(try HTTPClient.request("GET", issuer.origin + "/v1/key"))
        XCTAssertEqual(published["key"] as? String, keyText)
        XCTAssertEqual(published["filing_key"] as? String, filingText)

        let grant = try filingGrant(issuer, as: "zoe-subject-90")
        XCTAssertEqual(Base64URL.decode(grant)?.count, 32)
        let ballotKey = Array(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let preflight = try HTTPClient.request("OPTIONS", issuer.origin + "/v1/filings",
                                               headers: [("Origin", Self.site), ("Access-Control-Request-Method", "POST")])
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.headers["access-control-allow-origin"], Self.site)
        let elsewhere = try post(issuer, ["grant": grant, "key": Base64URL.encode(ballotKey)], origin: "https://evil.example", to: "/v1/filings")
        XCTAssertEqual(elsewhere.status, 403)
        XCTAssertEqual(try code(elsewhere), "origin_not_allowed")
        // A refused field leaves the grant for a corrected request.
        for (fields, field) in [(["grant": grant, "key": Base64URL.encode(ballotKey.prefix(31))], "key"),
                                (["grant": grant, "key": Base64URL.encode(ballotKey) + "="], "key"), (["grant": grant], "key"),
                                (["key": Base64URL.encode(ballotKey)], "grant")] {
            let answer = try post(issuer, fields, to: "/v1/filings")
            XCTAssertEqual(answer.status, 422, answer.body)
            XCTAssertEqual(try code(answer), "invalid_field")
            XCTAssertEqual((try json(answer)["error"] as? [String: Any])?["field"] as? String, field, answer.body)
        }
        XCTAssertEqual(try HTTPClient.request("POST", issuer.origin + "/v1/filings", body: "{", contentType: "application/json").status, 400)

        let answer = try post(issuer, ["grant": grant, "key": Base64URL.encode(ballotKey)], to: "/v1/filings")
        XCTAssertEqual(answer.status, 201, answer.body)
        XCTAssertEqual(answer.headers["access-control-allow-origin"], Self.site)
        let filed = try json(answer)
        XCTAssertEqual(filed["name"] as? String, "Zoé Martin-Lefèvre")
        let attestationText = try XCTUnwrap(filed["attestation"] as? String)
        let attestation = try XCTUnwrap(Base64URL.decode(attestationText))
        XCTAssertEqual(attestation.count, 384)
        XCTAssertTrue(FilerAttestation.holds(attestation, roll: Self.roll, publicKey: ballotKey, name: "Zoé Martin-Lefèvre", issuer: try publishedKey(filingText)))
        XCTAssertFalse(FilerAttestation.holds(attestation, roll: Self.roll, publicKey: ballotKey, name: "Zoé Martin-Lefèvre", issuer: try publishedKey(keyText)),
                       "an attestation under the credential key")
        XCTAssertFalse(FilerAttestation.holds(attestation, roll: Self.roll, publicKey: ballotKey, name: "Zoé Martin", issuer: try publishedKey(filingText)))
        let reused = try post(issuer, ["grant": grant, "key": Base64URL.encode(ballotKey)], to: "/v1/filings")
        XCTAssertEqual(reused.status, 403)
        XCTAssertEqual(try code(reused), "bad_grant")
        // A filing grant is no credential grant, and the other way round.
        let crossed = try post(issuer, ["grant": grant, "blinded": Base64URL.encode([UInt8](repeating: 1, count: 384))])
        XCTAssertEqual(try code(crossed), "bad_grant")

        // One person may file several petitions, and filing does not use up their credential.
        let second = try filingGrant(issuer, as: "zoe-subject-90")
        XCTAssertEqual(try post(issuer, ["grant": second, "key": Base64URL.encode(ballotKey)], to: "/v1/filings").status, 201)
        let back = try logIn(issuer, as: "zoe-subject-90")
        XCTAssertTrue(back.hasPrefix(Self.page + "#credential_grant="), back)
        let credentialGrant = String(back.dropFirst((Self.page + "#credential_grant=").count))
        XCTAssertEqual(try post(issuer, ["grant": credentialGrant, "key": Base64URL.encode(ballotKey)], to: "/v1/filings").status, 403,
                       "a credential grant is no filing grant")
        let (_, blinded, _) = try blind(Array(SHA384.hash(data: Data(ballotKey))), keyText: keyText)
        XCTAssertEqual(try post(issuer, ["grant": credentialGrant, "blinded": Base64URL.encode(blinded.blindedMessage)]).status, 201)
        issuer.stop()

        let kept = try ["issuer.sqlite", "issuer.sqlite-wal"].compactMap { name -> Data? in
            let url = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? try Data(contentsOf: url) : nil
        }
        XCTAssertTrue(issuer.logText.contains("filing attested"), issuer.logText)
        for file in kept + [Data(issuer.logText.utf8)] {
            for secret in ["zoe-subject-90", "Zoé", "Martin-Lefèvre", "zoe.martin@example.org", "1988-02-29", grant, second, attestationText,
                           Base64URL.encode(ballotKey)] {
                XCTAssertNil(file.range(of: Data(secret.utf8)), "\(secret) is kept")
            }
            XCTAssertNil(file.range(of: Data(attestation.prefix(16))), "the attestation is kept")
        }
    }

    func testFilingRefusesAMinorAMissingNameAndANameThatIsNotOne() throws {
        _ = try makeKey()
        _ = try makeKey(filingKeyFile)
        let issuer = try startIssuer(["--min-age", "18", "--filing-key", filingKeyFile.path, "--filing-scope", "openid profile"])
        let young = Calendar(identifier: .gregorian).date(byAdding: .year, value: -17, to: Date())!
        let birthdate = ISO8601DateFormatter.string(from: young, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let people: [(String, [String: String])] = [
            ("yann-subject-91", ["birthdate": birthdate, "given_name": "Yann", "family_name": "Jeunet"]),
            ("xavier-subject-92", ["birthdate": "1975-06-07", "given_name": "Xavier"]),
            ("wanda-subject-93", ["birthdate": "1975-06-07", "given_name": "   ", "family_name": "Wojcik"]),
            ("vera-subject-94", ["birthdate": "1975-06-07", "given_name": "Vera\nModerator", "family_name": "Vasquez"]),
            ("ugo-subject-95", ["birthdate": "1975-06-07", "given_name": "Ugo", "family_name": String(repeating: "Umberto", count: 30)]),
        ]
        for (subject, claims) in people {
            try provider.setClaims(claims, subject: subject)
            XCTAssertEqual(try logIn(issuer, as: subject, purpose: "file"), Self.page + "#filing_error=not_eligible", subject)
        }
        let purpose = try HTTPClient.request("GET", issuer.origin + "/v1/login?purpose=vote&return=" + PercentEncoding.encode(Self.page))
        XCTAssertEqual(purpose.status, 400)
        XCTAssertEqual(try code(purpose), "invalid_field")
        XCTAssertEqual((try json(purpose)["error"] as? [String: Any])?["field"] as? String, "purpose")
        issuer.stop()
        for words in ["under --min-age 18", "lacks the claim family_name", "lacks the claim given_name", "control character", "over 200 characters"] {
            XCTAssertTrue(issuer.logText.contains(words), "\(words) is not in \(issuer.logText)")
        }
        for (subject, claims) in people {
            for value in [subject] + claims.values where value.trimmingCharacters(in: .whitespaces).count > 4 {
                XCTAssertFalse(issuer.logText.contains(value), "the log names \(value)")
            }
        }
    }

    func testACredentialsLoginAsksForNoNameAndAFilingLoginAsksForTheFilingScope() throws {
        _ = try makeKey()
        _ = try makeKey(filingKeyFile)
        let issuer = try IssuerProcess(arguments: ["--roll", Self.roll, "--key", keyFile.path, "--db", database.path, "--discovery", provider.discovery,
                                                   "--client-id", "consult-issuer", "--client-secret-file", clientSecretFile.path,
                                                   "--site", Self.site, "--scope", "openid birthdate", "--filing-key", filingKeyFile.path], folder: folder)
        let signing = try XCTUnwrap(try askedScope(issuer))
        XCTAssertEqual(signing, "openid birthdate")
        for name in ["given_name", "family_name", "name", "profile"] {
            XCTAssertFalse(signing.split(separator: " ").contains(Substring(name)), signing)
        }
        XCTAssertEqual(try askedScope(issuer, purpose: "file"), "openid given_name family_name birthdate")
    }

    func testWithoutAFilingKeyNothingIsFiledAndTheCredentialKeyIsNeverTheFilingKey() throws {
        _ = try makeKey()
        let issuer = try startIssuer()
        XCTAssertNil(try json(try HTTPClient.request("GET", issuer.origin + "/v1/key"))["filing_key"])
        let login = try HTTPClient.request("GET", issuer.origin + "/v1/login?purpose=file&return=" + PercentEncoding.encode(Self.page))
        XCTAssertEqual(login.status, 404)
        XCTAssertEqual(try code(login), "filing_not_offered")
        let filing = try post(issuer, ["grant": "g", "key": Base64URL.encode([UInt8](repeating: 1, count: 32))], to: "/v1/filings")
        XCTAssertEqual(filing.status, 404)
        XCTAssertEqual(try code(filing), "filing_not_offered")
        issuer.stop()

        let common = ["issuer", "serve", "--roll", Self.roll, "--key", keyFile.path, "--db", database.path, "--discovery", provider.discovery,
                      "--client-id", "c", "--client-secret-file", clientSecretFile.path, "--public-url", "http://127.0.0.1:1",
                      "--site", Self.site, "--port", "0"]
        let copy = folder.appendingPathComponent("copy.pem")
        try FileManager.default.copyItem(at: keyFile, to: copy)
        chmod(copy.path, 0o600)
        for same in [keyFile, copy] {
            let refused = try CommandLineRun(common + ["--filing-key", same.path], timeout: 20)
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.errors.contains("--filing-key") && refused.errors.contains("this is the --key key")
                          && refused.errors.contains("forged"), refused.errors)
        }
        let named = try CommandLineRun(common + ["--scope", "openid given_name birthdate"], timeout: 20)
        XCTAssertNotEqual(named.status, 0)
        XCTAssertTrue(named.errors.contains("--scope") && named.errors.contains("--filing-scope"), named.errors)
        let noOpenID = try CommandLineRun(common + ["--filing-scope", "given_name family_name"], timeout: 20)
        XCTAssertTrue(noOpenID.errors.contains("--filing-scope"), noOpenID.errors)
    }

    /// Where a roll has voting codes and no identity provider (`--codes`), a code of the roll is the identity step:
    /// one grant, then one credential per code, with no provider at all; the code and its key are kept nowhere.
    func testAVotingCodeOfTheRollGetsOneCredentialWithoutAProvider() throws {
        let keyText = try makeKey()
        let cards = (0..<3).map { _ in VotingCode.generate(randomBytes: { count in (0..<count).map { _ in UInt8.random(in: 0...255) } }) }
        let roll = folder.appendingPathComponent("roll.txt")
        try Data(RollFile(rollID: Self.roll, publicKeys: cards.map { VotingKey(code: $0, rollID: Self.roll).publicKey }).text.utf8).write(to: roll)
        let issuer = try IssuerProcess(arguments: ["--roll", Self.roll, "--key", keyFile.path, "--db", database.path, "--site", Self.site,
                                                   "--codes", roll.path], folder: folder)
        XCTAssertEqual(try code(try HTTPClient.request("GET", issuer.origin + "/v1/login?return=" + PercentEncoding.encode(Self.page))),
                       "login_not_offered", "no provider: no login")

        let typed = cards[0].grouped.lowercased()
        let answer = try post(issuer, ["code": typed], to: "/v1/code-grants")
        XCTAssertEqual(answer.status, 201, answer.body)
        XCTAssertEqual(answer.headers["access-control-allow-origin"], Self.site)
        let grant = try XCTUnwrap(try json(answer)["grant"] as? String)
        let (prepared, blinded, key) = try blind(Array(SHA384.hash(data: Data("a ballot key".utf8))), keyText: keyText)
        let signed = try post(issuer, ["grant": grant, "blinded": Base64URL.encode(blinded.blindedMessage)])
        XCTAssertEqual(signed.status, 201, signed.body)
        let blindSignature = _RSA.BlindSigning.BlindSignature(rawRepresentation: try XCTUnwrap(Base64URL.decode(try XCTUnwrap(try json(signed)["blind_signature"] as? String))))
        let signature = try key.finalize(blindSignature, for: key.prepare(prepared), blindingInverse: blinded.inverse).rawRepresentation
        XCTAssertTrue(try publishedKey(keyText).isValid(signature: signature, prepared: prepared))

        // The same card again, however typed, gets nothing more; a card of another roll, a mistyped one and a stranger's are refused.
        XCTAssertEqual(try code(try post(issuer, ["code": cards[0].grouped.replacingOccurrences(of: "-", with: " ")], to: "/v1/code-grants")), "already_issued")
        let otherRoll = VotingCode.generate(randomBytes: { count in (0..<count).map { _ in UInt8.random(in: 0...255) } })
        XCTAssertEqual(try code(try post(issuer, ["code": otherRoll.grouped], to: "/v1/code-grants")), "not_eligible")
        var mistyped = Array(cards[1].grouped)
        mistyped[0] = mistyped[0] == "A" ? "B" : "A"
        let refused = try post(issuer, ["code": String(mistyped)], to: "/v1/code-grants")
        XCTAssertEqual(refused.status, 422)
        XCTAssertEqual((try json(refused)["error"] as? [String: Any])?["field"] as? String, "code")
        XCTAssertEqual(try code(try post(issuer, ["code": cards[1].grouped], origin: "https://evil.example", to: "/v1/code-grants")), "origin_not_allowed")
        XCTAssertEqual(try post(issuer, ["code": cards[1].grouped], to: "/v1/code-grants").status, 201, "another card gets its own grant")

        let kept = try issuerFilesText(issuer)
        for card in cards {
            XCTAssertFalse(kept.contains(card.data) || kept.contains(card.grouped), "a code is kept")
            XCTAssertFalse(kept.contains(VotingKey(code: card, rollID: Self.roll).publicKey), "a code's key is kept")
        }
        XCTAssertFalse(kept.contains(grant), "a grant is kept")
    }

    func testAnIssuerNeedsAnIdentityStepAndACodesFileOfItsRoll() throws {
        _ = try makeKey()
        let common = ["issuer", "serve", "--roll", Self.roll, "--key", keyFile.path, "--db", database.path, "--site", Self.site,
                      "--public-url", "http://127.0.0.1:1"]
        let none = try CommandLineRun(common, timeout: 20)
        XCTAssertTrue(none.errors.contains("give an identity step"), none.errors)
        let half = try CommandLineRun(common + ["--discovery", provider.discovery], timeout: 20)
        XCTAssertTrue(half.errors.contains("go together"), half.errors)
        let roll = folder.appendingPathComponent("other-roll.txt")
        try Data(RollFile(rollID: "budget-2026", publicKeys: []).text.utf8).write(to: roll)
        let other = try CommandLineRun(common + ["--codes", roll.path], timeout: 20)
        XCTAssertTrue(other.errors.contains("this is the roll file of `budget-2026`, not of --roll \(Self.roll)"), other.errors)
        let missing = folder.appendingPathComponent("no-roll.txt").path
        let unreadable = try CommandLineRun(common + ["--codes", missing], timeout: 20)
        XCTAssertTrue(unreadable.errors.contains("--codes \(missing): cannot read the file"), unreadable.errors)
    }
}
