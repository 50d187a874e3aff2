import Model

/// The JSON a page's script posts to `/v1/submissions`: `form`, `ballot`, `public_key`, `signature` (strings)
/// and, for open forms, `identity` (an object of strings). Any other key is refused rather than ignored.
enum SubmissionBody {
    static let keys: Set<String> = ["form", "ballot", "public_key", "signature", "identity"]

    /// Reads `bytes` as a submission, or the refusal that says what is wrong with them.
    static func decode(_ bytes: [UInt8]) -> Result<SubmissionInput, Refusal> {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// Reads `bytes` in place (the channel handler's buffer), keeping nothing of them.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<SubmissionInput, Refusal> {
        // ASCII first: a plain scan, where validating is generic and slow.
        guard bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil else { return .failure(Refusal(.invalidUTF8)) }
        let members: [(key: String, value: FlatJSON.Value)]
        do {
            members = try FlatJSON.parse(bytes)
        } catch .type(let key) {
            // The key itself is the sender's text: named only when it is one of ours.
            return .failure(keys.contains(key) ? Refusal(.invalidJSON, field: key) : Refusal(.unknownField))
        } catch {
            return .failure(Refusal(.invalidJSON))
        }
        var form, ballot, publicKey, signature: String?
        var identity: [String: String] = [:]
        for (key, value) in members {
            switch (key, value) {
            case ("identity", .object(let values)): identity = values
            case ("identity", .string): return .failure(Refusal(.invalidJSON, field: key))
            case (_, .object) where keys.contains(key): return .failure(Refusal(.invalidJSON, field: key))
            case ("form", .string(let text)): form = text
            case ("ballot", .string(let text)): ballot = text
            case ("public_key", .string(let text)): publicKey = text
            case ("signature", .string(let text)): signature = text
            default: return .failure(Refusal(.unknownField))
            }
        }
        guard let form else { return .failure(Refusal(.missingField, field: "form")) }
        guard let ballot else { return .failure(Refusal(.missingField, field: "ballot")) }
        guard let publicKey else { return .failure(Refusal(.missingField, field: "public_key")) }
        guard let signature else { return .failure(Refusal(.missingField, field: "signature")) }
        return .success(SubmissionInput(form: form, ballot: ballot, publicKey: publicKey, signature: signature, identity: identity))
    }
}
