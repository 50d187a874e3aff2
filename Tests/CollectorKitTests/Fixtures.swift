import CollectorKit
import Crypto
import Foundation
import Hummingbird
import Model

/// The forms, clock, randomness and signed bodies the collector tests share.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_705_200)  // 2026-11-26T15:00:00Z
    static let code = "ABCDE-FGHJK-MNPQR-STVWX-YZ016"

    static let budget = FormSpec(
        id: "city/ward-1/vote", kind: .budget, title: ["en": "Ward 1 budget", "fr": "Budget du quartier 1"], space: "city/ward-1",
        opens: now.addingTimeInterval(-86_400), closes: now.addingTimeInterval(86_400), eligibility: .roll, roll: "city-2026",
        options: [FormOption(id: "park-benches", title: ["en": "Benches"], cost: 40_000),
                  FormOption(id: "library-roof", title: ["en": "Roof"], cost: 900_000),
                  FormOption(id: "bike-lanes", title: ["en": "Lanes"], cost: 700_000)],
        constraints: FormConstraints(budget: 1_000_000, maxChoices: 2))
    static let petition = FormSpec(
        id: "parliament/e-petition-42", kind: .petition, title: ["en": "Petition 42", "de": "Petition 42"], space: "parliament", eligibility: .open,
        identityFields: [IdentityField(id: "name", kind: .text, label: ["en": "Name"]),
                         IdentityField(id: "email", kind: .email, label: ["en": "Email"]),
                         IdentityField(id: "resident", kind: .checkbox, required: false, label: ["en": "Resident"])])
    static let points = FormSpec(
        id: "aarau/points", kind: .budget, title: ["en": "Points"], space: "aarau", eligibility: .open,
        options: [FormOption(id: "a", title: ["en": "A"]), FormOption(id: "b", title: ["en": "B"])],
        constraints: FormConstraints(points: 10, maxPointsPerOption: 6))
    static let survey = FormSpec(
        id: "school/survey", kind: .survey, title: ["en": "Survey"], space: "school", eligibility: .open,
        questions: [SurveyQuestion(id: "mood", kind: .single, title: ["en": "Mood"], required: true, choices: ["good", "bad"]),
                    SurveyQuestion(id: "topics", kind: .multiple, title: ["en": "Topics"], choices: ["food", "safety", "sport"], maxChoices: 2),
                    SurveyQuestion(id: "rank", kind: .ranking, title: ["en": "Rank"], choices: ["x", "y", "z"]),
                    SurveyQuestion(id: "grid", kind: .matrix, title: ["en": "Grid"], choices: ["yes", "no"], rows: ["r1", "r2"]),
                    SurveyQuestion(id: "say", kind: .longText, title: ["en": "Say"], maxLength: 20)])
    static let opinion = FormSpec(
        id: "school/opinion", kind: .opinion, title: ["en": "Opinion"], space: "school", eligibility: .open,
        options: [FormOption(id: "s1", title: ["en": "S1"]), FormOption(id: "s2", title: ["en": "S2"])])
    static let proposal = FormSpec(
        id: "data/propose", kind: .proposal, title: ["en": "Propose"], space: "data", eligibility: .open,
        constraints: FormConstraints(maxTextLength: 50))
    static let closed = FormSpec(
        id: "city/old", kind: .supports, title: ["en": "Old"], space: "city", closes: now.addingTimeInterval(-3600), eligibility: .open,
        options: [FormOption(id: "a", title: ["en": "A"])])
    static let future = FormSpec(
        id: "city/next", kind: .supports, title: ["en": "Next"], space: "city", opens: now.addingTimeInterval(3600), eligibility: .open,
        options: [FormOption(id: "a", title: ["en": "A"])])

    static let manifest = try! BallotManifest(site: "https://consult.example.org/", defaultLanguage: "en",
                                              forms: [budget, petition, points, survey, opinion, proposal, closed, future]).sealed()

    /// Bytes from a counter, so every run draws the same nonces and keys.
    static func counterRandom() -> @Sendable (Int) -> [UInt8] {
        let counter = Counter()
        return { count in
            var out: [UInt8] = []
            while out.count < count { out += SHA256.hash(data: Data(String(counter.next()).utf8)) }
            return Array(out.prefix(count))
        }
    }

    static func environment(now: Date = Fixtures.now) -> CollectorEnvironment {
        CollectorEnvironment(now: { now }, randomBytes: counterRandom())
    }

    /// The address key a collector makes beside `database` on its first start, and reads on later ones.
    static func addressKey(beside database: String) throws -> AddressKey {
        try AddressKey(file: AddressKey.defaultPath(database: database), randomBytes: counterRandom())
    }

    static func temporaryDatabase() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("collector.sqlite").path
    }

    /// The collector's words of a site in the four languages the collector once spoke by itself, and Arabic.
    static let messages = try! Messages(catalog: ThemeMessages.catalog(["en", "fr", "es", "de", "ar"]))

    /// The tests' collector log key, from a fixed seed.
    static let logKey = LogKey(seed: [UInt8](repeating: 9, count: 32))!

    static func configuration(_ change: (inout CollectorConfiguration) -> Void = { _ in }) -> CollectorConfiguration {
        var configuration = CollectorConfiguration(collectorID: "test-1", logKey: logKey, messages: messages, allowedOrigins: [manifest.site],
                                                   rateLimit: RateLimit(perSecond: 0, burst: 0))
        change(&configuration)
        return configuration
    }

    /// A ballot for `form` signed with the key of `Fixtures.code` (or a key of `seed`), as the script posts it.
    static func signedBody(form: FormSpec, items: [BallotItem], seed: UInt8? = nil, nonce: UInt8 = 1, identity: [String: String]? = nil) -> [String: Any] {
        let key = seed.map { VotingKey(seed: Array(repeating: $0, count: 32))! } ?? (try! VotingKey(code: code, rollID: form.roll ?? ""))
        let ballot = CanonicalBallot(form: form.id, items: items, nonce: Array(repeating: nonce, count: 16), issued: now)
        var body: [String: Any] = ["form": form.id, "ballot": ballot.text, "public_key": key.publicKey, "signature": key.sign(ballot)]
        if let identity { body["identity"] = identity }
        return body
    }

    static func json(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func object(_ buffer: ByteBuffer?) -> [String: Any] {
        guard let buffer, let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else { return [:] }
        return object
    }

    static func errorCode(_ buffer: ByteBuffer?) -> String? {
        (object(buffer)["error"] as? [String: Any])?["code"] as? String
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
