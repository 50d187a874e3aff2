import Crypto
import Foundation
import Model
import NIOCore

/// What a test against a real `collector serve` process sends it: a manifest whose budget is always open (the
/// process runs on the real clock) and as many distinct ballots for it as a test needs.
extension Fixtures {
    /// Writes the manifest, its budget without opening or closing times, to a folder of its own with the collector's
    /// words beside it; returns its path.
    static func alwaysOpenManifest() throws -> String {
        var manifest = Fixtures.manifest
        manifest.forms[0].opens = nil
        manifest.forms[0].closes = nil
        return try ThemeMessages.writeSite(manifest)
    }

    /// The script's body for ballot `index` of the budget: a key and a nonce of its own, issued now.
    static func distinctBody(_ index: Int) -> ByteBuffer {
        let seed = Array(SHA256.hash(data: Data("crash-\(index)".utf8)))
        let key = VotingKey(seed: seed)!
        let options = ["park-benches", "bike-lanes", "library-roof"]
        let ballot = CanonicalBallot(form: Fixtures.budget.id, items: [BallotItem(options[index % 3])], nonce: Array(seed.prefix(16)), issued: Date())
        return Fixtures.json(["form": Fixtures.budget.id, "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot)])
    }
}
