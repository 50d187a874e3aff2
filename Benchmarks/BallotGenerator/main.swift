import Foundation
import Model

// Writes the benchmark's inputs: a manifest with one open budget form, and N distinct signed submissions
// (one JSON body per line), each with its own key and nonce. Usage: bench-ballots COUNT MANIFEST BODIES
let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[1]), count > 0 else {
    FileHandle.standardError.write(Data("usage: bench-ballots COUNT MANIFEST_OUT BODIES_OUT\n".utf8))
    exit(2)
}
let options = (1...12).map { FormOption(id: "project-\($0)", title: ["en": "Project \($0)"], cost: 100_000 * $0) }
let form = FormSpec(id: "bench/budget", kind: .budget, title: ["en": "Benchmark budget"], space: "bench", eligibility: .open,
                    options: options, constraints: FormConstraints(budget: 3_000_000, maxChoices: 5))
let manifest = try BallotManifest(site: "http://127.0.0.1:8080/", defaultLanguage: "en", forms: [form]).sealed()
try BallotManifest.encoder(pretty: true).encode(manifest).write(to: URL(fileURLWithPath: arguments[2]))

var generator = SystemRandomNumberGenerator()
func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) } }
let issued = Date()
var out = ""
out.reserveCapacity(count * 400)
for index in 0..<count {
    let picks = [index % 12 + 1, (index / 12) % 11 + 1].map { "project-\($0)" }
    let ballot = CanonicalBallot(form: form.id, items: picks.map { BallotItem($0) }, nonce: randomBytes(16), issued: issued)
    let key = VotingKey(seed: randomBytes(32))!
    let body: [String: String] = ["form": form.id, "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot)]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    out += String(decoding: try encoder.encode(body), as: UTF8.self) + "\n"
}
try out.write(toFile: arguments[3], atomically: true, encoding: .utf8)
