import Foundation
import Model

/// The documents every bundle carries, so that it recounts without the project's source: the counting rules, the
/// ballot format and what the bundle proves (compiled into the binary from docs/, `Package.swift`).
enum BundleDocuments {
    static let all: [(name: String, bytes: [UInt8])] = [
        ("AUDIT.md", PackageResources.AUDIT_md),
        ("BALLOT.md", PackageResources.BALLOT_md),
        ("COUNTING.md", PackageResources.COUNTING_md),
    ]

    /// Each document's SHA-256 (hex) by name, as `bundle.json` records them.
    static var hashes: [String: String] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.name, BallotManifest.sha256Hex(Data($0.bytes))) })
    }
}
