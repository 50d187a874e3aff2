import Crypto
import Foundation
import Model

/// What every teller's command counts by: the manifest and the rolls, read and checked once.
public struct TellerInputs: Sendable {
    public let manifest: BallotManifest
    /// The manifest file's bytes, copied as they are into audit bundles.
    public let manifestData: Data
    public let rolls: Rolls

    public init(manifest: BallotManifest, manifestData: Data, rolls: Rolls) {
        self.manifest = manifest
        self.manifestData = manifestData
        self.rolls = rolls
    }

    public static func load(manifest path: String, rolls: [String]) throws -> TellerInputs {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TellerError("--manifest \(path): cannot read the file (sitegen writes it as public/ballots.json)")
        }
        let manifest: BallotManifest
        do {
            manifest = try BallotManifest.decoder().decode(BallotManifest.self, from: data)
        } catch {
            throw TellerError("--manifest \(path): not a ballot manifest: \(error)")
        }
        let written: Bool
        do {
            written = try manifest.isWritten(as: data)
        } catch {
            throw TellerError("--manifest \(path): \(error); count with the manifest the site published")
        }
        guard written else {
            throw TellerError("--manifest \(path): a form holds a member, a null or a spelling that sitegen does not write (docs/COUNTING.md, "
                              + "the manifest), which its hash would not cover; count with the manifest the site published")
        }
        let unsealed = try manifest.unsealedParts()
        guard unsealed.forms.isEmpty, !unsealed.manifest else {
            let part = unsealed.forms.isEmpty ? "its `hash`" : "the `hash` of form " + unsealed.forms.map { "`\($0)`" }.joined(separator: ", ")
            throw TellerError("--manifest \(path): \(part) is not what the content gives (docs/COUNTING.md, the manifest hash): the file was "
                              + "edited after sitegen wrote it; count with the manifest the site published, or rebuild the site")
        }
        do {
            _ = try manifest.issuerKeys()
        } catch {
            throw TellerError("--manifest \(path): \(error)")
        }
        return TellerInputs(manifest: manifest, manifestData: data, rolls: try Rolls.load(rolls))
    }

    /// What stored verdicts were computed from; any change to these, or to the submissions, makes them stale.
    func fingerprint(settings: VerifySettings, submissions: String) -> String {
        var text = "manifest=" + Hex.encode(SHA256.hash(data: manifestData))
        for roll in rolls.files {
            // Hashed in place: a copy of a million keys' text is 44 MB more at the count's peak.
            var rollText = roll.text
            text += " roll=" + roll.rollID + ":" + rollText.withUTF8 { Hex.encode(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
        }
        text += " " + settings.fingerprintText + " submissions=" + submissions
        return Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }
}
