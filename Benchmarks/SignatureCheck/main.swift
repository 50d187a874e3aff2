import Crypto
import Foundation
import Model

// The baseline of the teller benchmark: only the Ed25519 verifications of signatures.txt (text, key, signature
// per line, base64url), on every core. Reading and decoding the file is not timed. Prints the seconds.
// Usage: bench-signatures FILE
guard CommandLine.arguments.count == 2, let text = try? String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: bench-signatures signatures.txt\n".utf8))
    exit(2)
}
let entries: [(Data, Curve25519.Signing.PublicKey, Data)] = text.split(separator: "\n").map { line in
    let parts = line.split(separator: " ").map { Base64URL.decode(String($0))! }
    return (Data(parts[0]), try! Curve25519.Signing.PublicKey(rawRepresentation: parts[1]), Data(parts[2]))
}
let workers = ProcessInfo.processInfo.activeProcessorCount * 16
let chunk = max(1, (entries.count + workers - 1) / workers)
var failures = [Int](repeating: 0, count: (entries.count + chunk - 1) / chunk)
let start = DispatchTime.now()
failures.withUnsafeMutableBufferPointer { buffer in
    let output = buffer
    DispatchQueue.concurrentPerform(iterations: output.count) { part in
        var failed = 0
        for index in (part * chunk)..<min(entries.count, (part + 1) * chunk) {
            let (message, key, signature) = entries[index]
            if !key.isValidSignature(signature, for: message) { failed += 1 }
        }
        output[part] = failed
    }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
guard failures.reduce(0, +) == 0 else {
    FileHandle.standardError.write(Data("\(failures.reduce(0, +)) signatures did not verify\n".utf8))
    exit(1)
}
print(String(format: "%.3f", seconds))
