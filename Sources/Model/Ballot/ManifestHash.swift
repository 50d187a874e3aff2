import Crypto
import Foundation

extension BallotManifest {
    /// The JSON encoder every party uses for the manifest: sorted keys and ISO 8601 dates, so the same
    /// manifest always gives the same bytes and the same hash.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// This manifest with every form's hash and the manifest's hash filled in (docs/COUNTING.md): a form's is the
    /// SHA-256 of its canonical JSON with `hash` empty, the manifest's that of its forms' array, hashes included.
    public func sealed() throws -> BallotManifest {
        var copy = self
        for index in copy.forms.indices {
            copy.forms[index].hash = ""
            copy.forms[index].hash = Self.sha256Hex(try CanonicalJSON.compact(copy.forms[index]))
        }
        copy.hash = Self.sha256Hex(try CanonicalJSON.compact(copy.forms))
        return copy
    }

    /// The forms whose `hash` is not their content's, and whether the manifest's own is not: a file edited after
    /// `sitegen` sealed it.
    public func unsealedParts() throws -> (forms: [String], manifest: Bool) {
        let sealed = try sealed()
        return (zip(forms, sealed.forms).filter { $0.hash != $1.hash }.map(\.0.id), hash != sealed.hash)
    }

    /// Whether the `forms` of the manifest text `data` are exactly what this manifest's forms encode to: no unknown
    /// or null member and no spelling the decoder read leniently (a date with an offset, `1.0` for 1), so the seal,
    /// computed on what is decoded, covers every byte of the text that a count reads.
    public func isWritten(as data: Data) throws -> Bool {
        guard case .object(let members) = try JSONTree.parse(data), let forms = members.first(where: { $0.key == "forms" })?.value else { return false }
        return CanonicalJSON.compact(tree: forms) == (try CanonicalJSON.compact(self.forms))
    }

    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
