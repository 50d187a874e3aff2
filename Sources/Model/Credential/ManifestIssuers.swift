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

    /// The filer keys that can be read and are no form's blind-signing key, by form id: a form missing here attests
    /// no one, so its filings are refused.
    public var readableFilerKeys: [String: IssuerKey] {
        let blindKeys = Set(forms.compactMap(\.issuerKey))
        var keys: [String: IssuerKey] = [:]
        for form in forms where form.attestsFilers && !blindKeys.contains(form.filerKey ?? "") {
            keys[form.id] = try? form.readFilerKey()
        }
        return keys
    }

    /// The filer key of every form whose filers' names are attested, by form id, refusing the first unreadable one
    /// and one that is also a form's blind-signing key, which signs whatever it is sent.
    public func filerKeys() throws(ManifestIssuerError) -> [String: IssuerKey] {
        let blindKeys = Set(forms.compactMap(\.issuerKey))
        var keys: [String: IssuerKey] = [:]
        for form in forms where form.attestsFilers {
            keys[form.id] = try form.readFilerKey()
            if let key = form.filerKey, blindKeys.contains(key) {
                throw ManifestIssuerError(form: form.id, use: "attests its filers' names",
                                          reason: "its `filer_key` is also an `issuer_key`, under which anyone eligible could forge an attestation")
            }
        }
        return keys
    }
}

extension FormSpec {
    /// The issuer key a `credential` form names, read from its base64url SubjectPublicKeyInfo.
    public func readIssuerKey() throws(ManifestIssuerError) -> IssuerKey {
        try readKey(issuerKey, field: "issuer_key", use: "is voted with credentials")
    }

    /// Whether the form asks for a name its roll's issuer attests (an `attested_name` identity field).
    public var attestsFilers: Bool { identityFields.contains { $0.kind == .attestedName } }

    /// The key with which the roll's issuer attests this form's filers.
    public func readFilerKey() throws(ManifestIssuerError) -> IssuerKey {
        try readKey(filerKey, field: "filer_key", use: "attests its filers' names")
    }

    private func readKey(_ text: String?, field: String, use: String) throws(ManifestIssuerError) -> IssuerKey {
        guard roll != nil else { throw ManifestIssuerError(form: id, use: use, reason: "names no `roll`") }
        guard let text, let der = Base64URL.decode(text) else {
            throw ManifestIssuerError(form: id, use: use, reason: "has no `\(field)` in base64url")
        }
        do {
            return try IssuerKey(subjectPublicKeyInfo: Data(der))
        } catch {
            throw ManifestIssuerError(form: id, use: use, reason: "has an `\(field)` that is not usable: \(error)")
        }
    }
}

/// A form of a manifest that counts on its roll's issuer (credentials, attested filers) and names no usable key.
public struct ManifestIssuerError: Error, Equatable, CustomStringConvertible {
    public let form: String
    /// What the form needs the key for.
    public var use = "is voted with credentials"
    public let reason: String

    public var description: String {
        "form `\(form)` \(use) but \(reason) (site.yaml `credential_issuers` gives each roll's issuer keys)"
    }
}
