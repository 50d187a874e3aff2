@testable import CollectorKit
import Crypto
import Foundation
import Model
import XCTest

/// Client addresses are hashed under a key kept beside the database, never in it: the file alone gives no address back.
final class AddressKeyTests: XCTestCase {
    private func record(_ index: Int, clientHash: String) -> SubmissionRecord {
        SubmissionRecord(receipt: String(format: "%064x", index), form: "f", ballot: "b\(index)", publicKey: "k", signature: "s",
                         identity: nil, receivedAt: "2026-11-26T15:00:00.000Z", collectorID: "c", clientHash: clientHash)
    }

    /// Every address of 10.1.0.0/16 hashed with `hash`; the ones whose hash is in `stored`.
    private func bruteForce(_ stored: Set<Data>, _ hash: (Data) -> [Data]) -> [String] {
        (0..<65_536).compactMap { index in
            let address = "10.1.\(index >> 8).\(index & 255)"
            return hash(Data(address.utf8)).contains(where: stored.contains) ? address : nil
        }
    }

    func testTheFileAloneGivesNoAddressBackAndTheKeyFileDoes() async throws {
        let path = Fixtures.temporaryDatabase()
        let store = try SubmissionStore(path: path, addressKey: Fixtures.addressKey(beside: path))
        let address = "10.1.201.77"
        _ = try await store.store(record(1, clientHash: store.hashAddress(address)))
        await store.close()

        let db = TestDatabase(path: path)
        let stored = Set(db.rows("SELECT client_hash FROM submissions").compactMap { $0[0].flatMap { Hex.decode($0) }.map { Data($0) } })
        XCTAssertEqual(stored.count, 1)
        let held = Set(db.rows("SELECT key, value FROM meta").flatMap { $0.compactMap { $0 } })
        XCTAssertTrue(held.contains("collector " + CollectorVersion.current), "the file's own facts are read: \(held)")
        let salted = held.map { secret in
            var hasher = SHA256()
            hasher.update(data: Data((secret + "|").utf8))
            return hasher
        }
        let keyed = held.map { HMAC<SHA256>(key: SymmetricKey(data: Data($0.utf8))) }
        let found = bruteForce(stored) { address in
            [Data(SHA256.hash(data: address))] + salted.map { hasher in
                var hasher = hasher
                hasher.update(data: address)
                return Data(hasher.finalize())
            } + keyed.map { mac in
                var mac = mac
                mac.update(data: address)
                return Data(mac.finalize())
            }
        }
        XCTAssertEqual(found, [], "hashed alone, or salted or keyed with what the meta table holds, no address of 10.1.0.0/16 matches")

        let key = try XCTUnwrap(Hex.decode(String(contentsOfFile: AddressKey.defaultPath(database: path), encoding: .utf8).dropLast()))
        let secret = HMAC<SHA256>(key: SymmetricKey(data: key))
        let withTheKey = bruteForce(stored) { address in
            var mac = secret
            mac.update(data: address)
            return [Data(mac.finalize())]
        }
        XCTAssertEqual(withTheKey, [address], "with the key file, the same search finds the address: the hash is HMAC-SHA256 under that key")
    }

    func testTheKeyFileIsMadeOwnerOnlyOnceThenReadAndSharedByCollectors() async throws {
        let path = Fixtures.temporaryDatabase()
        let file = AddressKey.defaultPath(database: path)
        let first = try SubmissionStore(path: path, addressKey: AddressKey(file: file, randomBytes: CollectorEnvironment().randomBytes))
        let hash = first.hashAddress("10.1.2.3")
        await first.close()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertEqual(text.count, 65)
        XCTAssertEqual(Hex.decode(text.dropLast())?.count, 32)

        let restarted = try SubmissionStore(path: path, addressKey: AddressKey(file: file, randomBytes: { _ in
            XCTFail("an existing key is read, not replaced")
            return []
        }))
        XCTAssertEqual(restarted.hashAddress("10.1.2.3"), hash)
        XCTAssertNotEqual(restarted.hashAddress("10.1.2.4"), hash)
        await restarted.close()
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), text)

        let other = Fixtures.temporaryDatabase()
        let behindTheSameBalancer = try SubmissionStore(path: other, addressKey: AddressKey(file: file, randomBytes: CollectorEnvironment().randomBytes))
        XCTAssertEqual(behindTheSameBalancer.hashAddress("10.1.2.3"), hash, "collectors sharing the key file hash an address alike")
        await behindTheSameBalancer.close()
        let ownKey = try SubmissionStore(path: other + "2", addressKey: Fixtures.addressKey(beside: other + "2"))
        XCTAssertNotEqual(ownKey.hashAddress("10.1.2.3"), hash)
        await ownKey.close()
    }

    func testAKeyFileOthersMayReadOrThatHoldsNoKeyIsRefused() throws {
        let file = AddressKey.defaultPath(database: Fixtures.temporaryDatabase())
        _ = try AddressKey(file: file, randomBytes: Fixtures.counterRandom())
        for mode in [0o644, 0o640, 0o604, 0o620] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
            XCTAssertThrowsError(try AddressKey(file: file, randomBytes: Fixtures.counterRandom())) { error in
                XCTAssertTrue("\(error)".hasPrefix(file + ": "), "\(error)")
                XCTAssertTrue("\(error)".contains("chmod 600 \(file)"), "\(error)")
            }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: file)
        XCTAssertNoThrow(try AddressKey(file: file, randomBytes: Fixtures.counterRandom()), "read-only for its owner is private too")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        for text in ["", "not a key\n", String(repeating: "a", count: 63) + "\n", String(repeating: "g", count: 64), String(repeating: "ab", count: 33)] {
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            XCTAssertThrowsError(try AddressKey(file: file, randomBytes: Fixtures.counterRandom())) { error in
                XCTAssertTrue("\(error)".hasPrefix(file + ": not an address key"), "\(error)")
            }
        }
        try (String(repeating: "AB", count: 32) + "\r\n").write(toFile: file, atomically: false, encoding: .utf8)
        XCTAssertNoThrow(try AddressKey(file: file, randomBytes: Fixtures.counterRandom()), "as `openssl rand -hex 32` writes it, in either case")
    }

    func testServeMakesTheKeyBesideTheDatabaseAndRefusesOneOthersMayRead() throws {
        let db = Fixtures.temporaryDatabase()
        let manifest = try ThemeMessages.writeSite(Fixtures.manifest, in: URL(fileURLWithPath: (db as NSString).deletingLastPathComponent))
        let collector = try CollectorProcess(arguments: ["--manifest", manifest, "--db", db])
        collector.kill(SIGTERM)
        XCTAssertEqual(collector.wait(), 0)
        let file = AddressKey.defaultPath(database: db)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, 0o600)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let refused = try CommandLineRun(["serve", "--manifest", manifest, "--db", db, "--port", "0"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.errors.contains("--address-key \(file): "), refused.errors)
        XCTAssertTrue(refused.errors.contains("chmod 600 \(file)"), refused.errors)

        let elsewhere = (db as NSString).deletingLastPathComponent + "/shared.key"
        try "not a key".write(toFile: elsewhere, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: elsewhere)
        let malformed = try CommandLineRun(["serve", "--manifest", manifest, "--db", db, "--port", "0", "--address-key", elsewhere])
        XCTAssertNotEqual(malformed.status, 0)
        XCTAssertTrue(malformed.errors.contains("--address-key \(elsewhere): not an address key"), malformed.errors)
    }
}
