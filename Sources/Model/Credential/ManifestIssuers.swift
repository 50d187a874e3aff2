import Foundation

extension BallotManifest {
    /// The issuer key of every `credential` form, by form id, refusing the first form whose key cannot be read.
    public func issuerKeys() throws(ManifestIssuerError) -> [String: IssuerKey] {
        var keys: [String: IssuerKey] = [:]
        for form in forms where form.eligibility == .credential {
            keys[form.id] = try form.readIssuerKey()
        }
        return keys
    }

    /// The issuer keys that can be read, by form id: a checker fails closed on a form missing here, each of its
    /// ballots refused, where the programs that start from a manifest refuse it with `issuerKeys()`.
    public var readableIssuerKeys: [String: IssuerKey] {
        var keys: [String: IssuerKey] = [:]
        for form in forms where form.eligibility == .credential {
            keys[form.id] = try? form.readIssuerKey()
        }
        return keys
    }
}

extension FormSpec {
    /// The issuer key a `credential` form names, read from its base64url SubjectPublicKeyInfo.
    public func readIssuerKey() throws(ManifestIssuerError) -> IssuerKey {
        guard roll != nil else { throw ManifestIssuerError(form: id, reason: "names no `roll`") }
        guard let text = issuerKey, let der = Base64URL.decode(text) else {
            throw ManifestIssuerError(form: id, reason: "has no `issuer_key` in base64url")
        }
        do {
            return try IssuerKey(subjectPublicKeyInfo: Data(der))
        } catch {
            throw ManifestIssuerError(form: id, reason: "has an `issuer_key` that is not usable: \(error)")
        }
    }
}

/// A `credential` form of a manifest that no credential could pass.
public struct ManifestIssuerError: Error, Equatable, CustomStringConvertible {
    public let form: String
    public let reason: String

    public var description: String {
        "form `\(form)` is voted with credentials but \(reason) (site.yaml `credential_issuers` gives each roll's issuer key)"
    }
}
