import Model

extension BallotManifest {
    /// The rolls its `roll` forms name, sorted.
    public var rolls: [String] {
        Array(Set(forms.compactMap { $0.eligibility == .roll ? $0.roll : nil })).sorted()
    }

    /// Throws unless a form of this manifest uses `rollID`; `path` names the manifest in the error.
    public func requireRoll(_ rollID: String, path: String) throws(CredentialsError) {
        guard rolls.contains(rollID) else { throw .rollNotInManifest(rollID, manifest: path, known: rolls) }
    }
}
