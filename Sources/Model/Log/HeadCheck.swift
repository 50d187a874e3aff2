import Crypto

extension SignedTreeHead {
    /// Why this head is not `publicKey`'s signed word for the first `treeSize` leaves of `tree`, or nil when it is.
    /// A head that holds for a log holds for every extension of it, so heads checked this way are consistent with
    /// one another without a consistency proof (docs/LOG.md).
    public func problem(against tree: MerkleTree, publicKey: Curve25519.Signing.PublicKey) -> String? {
        guard isSignatureValid(publicKey: publicKey) else { return "its signature is not by the log's key" }
        guard let root = tree.rootHash(treeSize: head.treeSize) else {
            return "it covers \(head.treeSize) entries, but the log holds \(tree.size): entries it covers are missing"
        }
        guard root == head.rootHash else {
            return "its root \(head.rootHash.hex) is not that of the log's first \(head.treeSize) entries (\(root.hex)): the log was rewritten"
        }
        return nil
    }

    /// The Ed25519 key of a log key's text (base64url of 32 bytes, as `collector_keys` lists it), or nil.
    public static func publicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        guard let bytes = Base64URL.decode(text), bytes.count == 32, Base64URL.encode(bytes) == text else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }
}
