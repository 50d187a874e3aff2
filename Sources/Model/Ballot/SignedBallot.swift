import Crypto
import Foundation

/// A ballot with its public key and signature, as posted and as stored; the receipt names it.
public struct SignedBallot: Equatable, Sendable {
    public static let publicKeyLength = 32
    public static let signatureLength = 64

    /// The canonical text, exactly as signed.
    public let text: String
    public let publicKey: [UInt8]
    public let signature: [UInt8]

    public init(text: String, publicKey: [UInt8], signature: [UInt8]) {
        self.text = text
        self.publicKey = publicKey
        self.signature = signature
    }

    /// SHA-256 of the 64 signature bytes, lowercase hex: the same ballot posted twice has the same receipt.
    public var receipt: String { Self.receipt(ofSignature: signature) }

    public static func receipt(ofSignature signature: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: signature))
    }

    /// The receipt's bytes: what the tellers compare a stored receipt with, a million times without a string.
    public var receiptBytes: Bytes32 { SHA256.hash(data: signature).withUnsafeBytes { Bytes32(unsafeBytes: $0) } }

    /// Whether the signature is the key's over the text (the tellers' check; the collector's with --verify-signatures).
    public var isSignatureValid: Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        // The text's own bytes: a `Data` copy of each ballot was a tenth of what `verify` does besides the curve.
        var text = text
        return text.withUTF8 { key.isValidSignature(signature, for: UnsafeRawBufferPointer($0)) }
    }
}
