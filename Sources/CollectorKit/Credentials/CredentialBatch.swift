import Dispatch
import Foundation
import Model

/// Voting codes and their public keys for one roll, made together so that the roll always matches the codes.
public struct CredentialBatch: Sendable {
    public let rollID: String
    /// Distinct codes, in the order they were drawn (the order of the printed cards).
    public let codes: [VotingCode]
    /// `publicKeys[i]` is the key of `codes[i]` on this roll.
    public let publicKeys: [String]

    /// `count` fresh codes for the roll `rollID`; `randomBytes(n)` must return `n` uniformly random bytes.
    ///
    /// Key derivation (HKDF, then an Ed25519 public key) is the cost, so it is spread over `workers` threads;
    /// drawing stays on one thread because the random source need not be thread-safe.
    public static func generate(rollID: String, count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                randomBytes: (Int) -> [UInt8]) throws(CredentialsError) -> CredentialBatch {
        guard RollFile.isValidID(rollID) else { throw .invalidRollID(rollID) }
        guard count >= 1, count <= maxCount else { throw .invalidCount(count) }
        var seen = Set<String>(minimumCapacity: count)
        var codes: [VotingCode] = []
        codes.reserveCapacity(count)
        // 120 random bits make a repeat astronomically unlikely; a broken random source would repeat, and must not
        // hand two voters the same code.
        var draws = 0
        while codes.count < count {
            draws += 1
            guard draws <= count * 2 + 10 else { throw .randomSourceRepeats }
            let code = VotingCode.generate(randomBytes: randomBytes)
            if seen.insert(code.data).inserted { codes.append(code) }
        }
        return CredentialBatch(rollID: rollID, codes: codes, publicKeys: derive(codes, rollID: rollID, workers: max(1, workers)))
    }

    /// More codes than this would make files no printer or roll file should hold.
    public static let maxCount = 10_000_000

    /// The public roll of these codes.
    public var roll: RollFile { RollFile(rollID: rollID, publicKeys: publicKeys) }

    private static func derive(_ codes: [VotingCode], rollID: String, workers: Int) -> [String] {
        let chunk = (codes.count + workers - 1) / workers
        return [String](unsafeUninitializedCapacity: codes.count) { buffer, initialized in
            let base = buffer.baseAddress!
            // Each worker initialises its own slice of the buffer; no two touch the same element.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * chunk, end = min(start + chunk, codes.count)
                guard start < end else { return }
                for index in start..<end {
                    (base + index).initialize(to: VotingKey(code: codes[index], rollID: rollID).publicKey)
                }
            }
            initialized = codes.count
        }
    }
}
