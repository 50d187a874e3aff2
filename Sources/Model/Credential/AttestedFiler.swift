import Foundation

extension FilerAttestation {
    /// The identity key under which a filing carries the attestation, beside the form's declared fields.
    public static let identityKey = "attestation"

    /// Whether a filing's identity values hold the issuer's attestation of their `attested_name` for the ballot's key:
    /// the same answer at intake and wherever the moderators' file is checked again.
    public static func holds(identity: [String: String], publicKey: [UInt8], form: FormSpec, issuer: IssuerKey?) -> Bool {
        guard let issuer, let roll = form.roll, let field = form.identityFields.first(where: { $0.kind == .attestedName }),
              let name = identity[field.id], let text = identity[identityKey], let attestation = Base64URL.decode(text)
        else { return false }
        return holds(attestation, roll: roll, publicKey: publicKey, name: name, issuer: issuer)
    }
}
