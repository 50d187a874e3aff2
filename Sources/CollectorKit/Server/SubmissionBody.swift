import Foundation
import Model

/// The JSON a page's script posts to `/v1/submissions`; any other key is refused rather than ignored.
struct SubmissionBody: Decodable {
    static let keys: Set<String> = ["form", "ballot", "public_key", "signature", "identity"]

    let input: SubmissionInput

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.first(where: { !Self.keys.contains($0.stringValue) }) {
            throw BodyError.unknownField(unknown.stringValue)
        }
        func string(_ key: String) throws -> String {
            guard container.contains(AnyKey(key)) else { throw BodyError.missingField(key) }
            guard let value = try? container.decode(String.self, forKey: AnyKey(key)) else { throw BodyError.wrongType(key) }
            return value
        }
        var identity: [String: String] = [:]
        if container.contains(AnyKey("identity")) {
            guard let values = try? container.decode([String: String].self, forKey: AnyKey("identity")) else {
                throw BodyError.wrongType("identity")
            }
            identity = values
        }
        input = SubmissionInput(form: try string("form"), ballot: try string("ballot"), publicKey: try string("public_key"),
                                signature: try string("signature"), identity: identity)
    }

    /// Reads `bytes` as a submission, or the refusal that says what is wrong with them.
    static func decode(_ bytes: [UInt8]) -> Result<SubmissionInput, Refusal> {
        guard String(validating: bytes, as: UTF8.self) != nil else { return .failure(Refusal(.invalidUTF8)) }
        do {
            return .success(try JSONDecoder().decode(SubmissionBody.self, from: Data(bytes)).input)
        } catch BodyError.unknownField {
            // The unknown key itself is not echoed: it is the sender's text.
            return .failure(Refusal(.unknownField))
        } catch BodyError.missingField(let key) {
            return .failure(Refusal(.missingField, field: key))
        } catch BodyError.wrongType(let key) {
            return .failure(Refusal(.invalidJSON, field: key))
        } catch {
            return .failure(Refusal(.invalidJSON))
        }
    }

    private enum BodyError: Error {
        case unknownField(String)
        case missingField(String)
        case wrongType(String)
    }
}

struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
