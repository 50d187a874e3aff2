import CollectorKit
import Crypto
import Foundation
import Model

// Writes the teller benchmark's inputs into DIR: ballots.json (one roll budget form), roll.txt (COUNT keys),
// collector.sqlite (one signed ballot per key) and signatures.txt (text, key, signature per line, base64url)
// for the verification-only baseline. Keys come from SHA-256 of a counter, so every run makes the same files.
// Usage: bench-teller COUNT DIR
let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[1]), count > 0 else {
    FileHandle.standardError.write(Data("usage: bench-teller COUNT DIR\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[2])
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
let issued = Date(timeIntervalSince1970: 1_795_705_200)
let options = (1...12).map { FormOption(id: "project-\($0)", title: ["en": "Project \($0)"], cost: 100_000 * $0) }
let form = FormSpec(id: "bench/budget", kind: .budget, title: ["en": "Benchmark budget"], space: "bench", opens: issued.addingTimeInterval(-86_400),
                    closes: issued.addingTimeInterval(86_400), eligibility: .roll, roll: "bench-roll", options: options,
                    constraints: FormConstraints(budget: 3_000_000, maxChoices: 5), currency: "EUR",
                    tally: TallySettings(rule: .greedy, total: 3_000_000))
let manifest = try BallotManifest(site: "http://127.0.0.1:8080/", defaultLanguage: "en", forms: [form]).sealed()
try BallotManifest.encoder(pretty: true).encode(manifest).write(to: directory.appendingPathComponent("ballots.json"))

func bytes(_ label: String, _ index: Int) -> [UInt8] { Array(SHA256.hash(data: Data("\(label)-\(index)".utf8))) }

var records = [SubmissionRecord?](repeating: nil, count: count)
var lines = [String](repeating: "", count: count)
let chunk = 4096
records.withUnsafeMutableBufferPointer { recordBuffer in
    lines.withUnsafeMutableBufferPointer { lineBuffer in
        let (recordOut, lineOut) = (recordBuffer, lineBuffer)
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { part in
            for index in (part * chunk)..<min(count, (part + 1) * chunk) {
                let key = VotingKey(seed: bytes("key", index))!
                let picks = [index % 12 + 1, (index / 12) % 11 + 1, (index / 132) % 6 + 1].map { "project-\($0)" }
                let ballot = CanonicalBallot(form: form.id, items: Array(Set(picks)).map { BallotItem($0) },
                                             nonce: Array(bytes("nonce", index).prefix(16)), issued: issued)
                let signature = try! key.privateKey.signature(for: Data(ballot.text.utf8))
                let received = issued.addingTimeInterval(Double(index % 3600))
                recordOut[index] = SubmissionRecord(receipt: SignedBallot.receipt(ofSignature: Array(signature)), form: form.id, ballot: ballot.text,
                                                    publicKey: key.publicKey, signature: Base64URL.encode(signature), identity: nil,
                                                    receivedAt: UTCSecond.format(received).dropLast() + ".000Z", collectorID: "bench",
                                                    clientHash: Base64URL.encode(bytes("client", index % 5000)))
                lineOut[index] = Base64URL.encode(Array(ballot.text.utf8)) + " " + key.publicKey + " " + Base64URL.encode(signature)
            }
        }
    }
}
let all = records.map { $0! }
try RollFile(rollID: "bench-roll", publicKeys: all.map(\.publicKey)).text.write(to: directory.appendingPathComponent("roll.txt"), atomically: true, encoding: .utf8)
try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("signatures.txt"), atomically: true, encoding: .utf8)
let database = directory.appendingPathComponent("collector.sqlite").path
try? FileManager.default.removeItem(atPath: database)
try CollectorFile.write(all, to: database)
print("wrote \(count) signed ballots, their roll and manifest into \(directory.path)")
