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
        var rest = encodedBytes
        while true {
            let end = rest.firstIndex(of: UInt8(ascii: ":")) ?? rest.endIndex
            guard end > rest.startIndex, let decoded = PercentEncoding.decode(rest[..<end]) else { return nil }
            parts.append(decoded)
            guard end < rest.endIndex else { break }
            rest = rest[(end + 1)...]
        }
        self.parts = parts
        self.encoded = String(decoding: encodedBytes, as: UTF8.self)
    }

    /// Canonical order: by the UTF-8 bytes of the encoded item.
    public static func precedes(_ lhs: BallotItem, _ rhs: BallotItem) -> Bool {
        lhs.encoded.utf8.lexicographicallyPrecedes(rhs.encoded.utf8)
    }
}
