import Model

extension BallotManifest {
    /// The rolls its `roll` forms name, sorted.
    public var rolls: [String] {
        Array(Set(forms.compactMap { $0.eligibility == .roll ? $0.roll : nil })).sorted()
    }

    /// Throws unless a form of this manifest uses `rollID`: voted with its codes, or with credentials, which the
    /// roll's issuer may give for its codes (`collector issuer serve --codes`); `path` names the manifest in the error.
    public func requireRoll(_ rollID: String, path: String) throws(CredentialsError) {
        let usable = Set(rolls + forms.compactMap { $0.eligibility == .credential ? $0.roll : nil }).sorted()
        guard usable.contains(rollID) else { throw .rollNotInManifest(rollID, manifest: path, known: usable) }
    }
}
