import Model

/// The JSON a page's script posts to `/v1/submissions`: `form`, `ballot`, `public_key`, `signature` (strings)
/// and, for open forms, `identity` (an object of strings). Any other key is refused rather than ignored.
enum SubmissionBody {
    static let keys: Set<String> = ["form", "ballot", "public_key", "signature", "identity"]

    /// Reads `bytes` as a submission, or the refusal that says what is wrong with them.
    static func decode(_ bytes: [UInt8]) -> Result<SubmissionInput, Refusal> {
        guard String(validating: bytes, as: UTF8.self) != nil else { return .failure(Refusal(.invalidUTF8)) }
        let members: [(key: String, value: FlatJSON.Value)]
        do {
            members = try FlatJSON.parse(bytes)
        } catch .type(let key) {
            // The key itself is the sender's text: named only when it is one of ours.
            return .failure(keys.contains(key) ? Refusal(.invalidJSON, field: key) : Refusal(.unknownField))
        } catch {
            return .failure(Refusal(.invalidJSON))
        }
        var strings: [String: String] = [:]
        var identity: [String: String] = [:]
        for (key, value) in members {
            guard keys.contains(key) else { return .failure(Refusal(.unknownField)) }
            switch (key, value) {
            case ("identity", .object(let values)): identity = values
            case ("identity", .string), (_, .object): return .failure(Refusal(.invalidJSON, field: key))
            case (_, .string(let text)): strings[key] = text
            }
        }
        for key in ["form", "ballot", "public_key", "signature"] where strings[key] == nil {
            return .failure(Refusal(.missingField, field: key))
        }
        return .success(SubmissionInput(form: strings["form"]!, ballot: strings["ballot"]!, publicKey: strings["public_key"]!,
                                        signature: strings["signature"]!, identity: identity))
    }
}
