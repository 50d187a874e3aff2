/// The spellings of the log's JSON: hashes and receipts as 64 lowercase hex digits (`Hex`, as receipts are spelled
/// everywhere), signatures as base64url (`Base64URL`, as ballots' signatures are). One spelling per value, so a
/// decoded answer encodes back to the same text.
extension KeyedDecodingContainer {
    func decodeHash(forKey key: Key) throws -> Bytes32 {
        guard let hash = Bytes32(hex: try decode(String.self, forKey: key)) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not 64 lowercase hex digits")
        }
        return hash
    }

    func decodeHashes(forKey key: Key) throws -> [Bytes32] {
        try decode([String].self, forKey: key).map {
            guard let hash = Bytes32(hex: $0) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "a hash is not 64 lowercase hex digits")
            }
            return hash
        }
    }

    func decodeSignature(forKey key: Key) throws -> [UInt8] {
        guard let signature = Base64URL.decode(try decode(String.self, forKey: key)), signature.count == 64 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not 64 bytes in base64url")
        }
        return signature
    }

    func decodeCollectorID(forKey key: Key) throws -> String {
        let collectorID = try decode(String.self, forKey: key)
        guard LogEncoding.isValidCollectorID(collectorID) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "empty, or over 65535 bytes of UTF-8")
        }
        return collectorID
    }
}
