/// One entry of a ballot's `choices=` line: its parts joined by `:`, each part percent-encoded.
///
/// `park-benches`, `park-benches:40`, `q3:2:bike-lanes`, `title:Shade%20trees`: see docs/BALLOT.md.
public struct BallotItem: Hashable, Sendable {
    /// The decoded parts, e.g. `["q3", "2", "bike-lanes"]`.
    public let parts: [String]
    /// The canonical text of the item, as it appears in the ballot.
    public let encoded: String

    public init(_ parts: [String]) {
        self.parts = parts
        self.encoded = parts.map(PercentEncoding.encode).joined(separator: ":")
    }

    public init(_ parts: String...) { self.init(parts) }

    /// The item `encodedBytes` spells, or nil when it is empty, has an empty part or is not canonically encoded.
    init?(encodedBytes: ArraySlice<UInt8>) {
        var parts: [String] = []
        for part in encodedBytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
            guard !part.isEmpty, let decoded = PercentEncoding.decode(part) else { return nil }
            parts.append(decoded)
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
        self.encoded = String(decoding: encodedBytes, as: UTF8.self)
    }

    /// Canonical order: by the UTF-8 bytes of the encoded item.
    public static func precedes(_ lhs: BallotItem, _ rhs: BallotItem) -> Bool {
        lhs.encoded.utf8.lexicographicallyPrecedes(rhs.encoded.utf8)
    }
}
