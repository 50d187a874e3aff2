import Crypto
import Foundation
import Model
import _CryptoExtras

/// An issuer's RSA key in a PKCS#8 PEM file readable by its owner only: the blind-signing key of credentials (RFC 9474,
/// RSABSSA-SHA384-PSS-Randomized), or the filing key of filers' attestations (plain RSASSA-PSS), never one key for both.
public struct IssuerKeyFile: Sendable {
    public typealias PrivateKey = _RSA.BlindSigning.PrivateKey<SHA384>

    public let key: PrivateKey

    /// 3072 bits: NIST's strength of 128 bits, the level of the Ed25519 ballots the credentials stand for.
    static let keySize = _RSA.Signing.KeySize.bits3072

    private static func exposure(_ flag: String) -> String {
        flag == "--filing-key" ? "anyone who reads it can attest a petition's filing under any name"
                               : "anyone who reads it can sign credentials for people who never proved they are eligible"
    }

    /// Makes a new key and writes it at `path`; an existing file is never replaced.
    public static func create(_ path: String) throws(KeyFileError) -> IssuerKeyFile {
        let key: PrivateKey
        do {
            key = try PrivateKey(keySize: keySize, parameters: .RSABSSA_SHA384_PSS_Randomized)
        } catch {
            throw KeyFileError(path, "cannot make an RSA key (\(error))")
        }
        guard try SecretKeyFile.createOwnerOnly(path, text: key.pkcs8PEMRepresentation, flag: "--out") else {
            throw KeyFileError(path, "the file exists and is never replaced (the roll's published key would stop matching it); "
                                   + "name a new file with --out, or print this one's public key with --print")
        }
        return IssuerKeyFile(key: key)
    }

    /// The key in the file at `path` (`flag` is the option that names it).
    public static func load(_ path: String, flag: String) throws(KeyFileError) -> IssuerKeyFile {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw KeyFileError(path, "cannot read it (\(String(cString: strerror(errno)))); make one with `collector issuer key --out \(path)`")
        }
        let text = try SecretKeyFile.readOwnerOnly(path, status, flag: flag, exposure: exposure(flag))
        do {
            return IssuerKeyFile(key: try PrivateKey(pemRepresentation: text, parameters: .RSABSSA_SHA384_PSS_Randomized))
        } catch {
            throw KeyFileError(path, "not an RSA private key of 2048 bits or more in PEM; make one with `collector issuer key --out FILE`")
        }
    }

    /// What a site publishes for the roll: base64url of the DER SubjectPublicKeyInfo, as `IssuerKey` reads it.
    public var publicKeyText: String { Base64URL.encode(key.publicKey.derRepresentation) }

    /// The bytes of the modulus: a blinded message and its signature are exactly this long.
    public var modulusByteCount: Int { (key.keySizeInBits + 7) / 8 }
}
