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

    /// This manifest with every form's hash and the manifest's hash filled in.
    public func sealed() throws -> BallotManifest {
        var copy = self
        let encoder = Self.encoder()
        for index in copy.forms.indices {
            copy.forms[index].hash = ""
            copy.forms[index].hash = Self.sha256Hex(try encoder.encode(copy.forms[index]))
        }
        copy.hash = Self.sha256Hex(try encoder.encode(copy.forms))
        return copy
    }

    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
