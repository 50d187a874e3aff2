import Foundation
import Model

/// The identity fields of an `open` form: each declared one, required ones present, values of their kind.
public enum IdentityRules {
    static let maxTextLength = 200
    /// Base64url of an RSA signature: 683 characters for a 4096-bit key.
    static let maxAttestationLength = 1024

    /// The cleaned values (trimmed; checkboxes as `yes`), or the refusal naming the first bad field.
    public static func check(_ values: [String: String], form: FormSpec) -> Result<[String: String], Refusal> {
        guard form.eligibility == .open else {
            return values.isEmpty ? .success([:]) : .failure(Refusal(.unknownField, field: "identity"))
        }
        let declared = Dictionary(form.identityFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let attested = form.attestsFilers
        if values.keys.contains(where: { declared[$0] == nil && !(attested && $0 == FilerAttestation.identityKey) }) {
            return .failure(Refusal(.unknownField, field: "identity"))
        }
        var cleaned: [String: String] = [:]
        if attested {
            // Checked against the ballot's key by SubmissionCheck; here only its shape, so a stored row always has one.
            guard let attestation = values[FilerAttestation.identityKey], attestation.count <= maxAttestationLength, Base64URL.decode(attestation) != nil else {
                return .failure(Refusal(.identityNotConfirmed, field: "identity." + FilerAttestation.identityKey))
            }
            cleaned[FilerAttestation.identityKey] = attestation
        }
        for field in form.identityFields {
            let name = "identity." + field.id
            let value = (values[field.id] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty {
                if field.required { return .failure(Refusal(.missingIdentity, field: name)) }
                continue
            }
            guard let clean = clean(value, kind: field.kind) else { return .failure(Refusal(.invalidIdentity, field: name)) }
            cleaned[field.id] = clean
        }
        return .success(cleaned)
    }

    private static func clean(_ value: String, kind: IdentityField.Kind) -> String? {
        guard value.count <= maxTextLength, !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return nil
        }
        switch kind {
        case .text, .attestedName:
            return value
        case .email:
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                  !value.contains(where: \.isWhitespace)
            else { return nil }
            return value
        case .checkbox:
            return ["on", "yes", "true", "1"].contains(value.lowercased()) ? "yes" : nil
        case .postcode:
            guard value.count <= 16, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }) else { return nil }
            return value.uppercased()
        }
    }
}
