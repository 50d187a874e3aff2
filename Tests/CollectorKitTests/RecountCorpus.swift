@testable import CollectorKit
import Foundation
@testable import Model

/// A consultation with every form kind and every budget rule, honest and dishonest ballots mixed, published as an
/// audit bundle: what both recounts (`BundleRecount` and `Tests/Recount/recount.py`) are run on.
enum RecountCorpus {
    static let voters = (0..<48).map { TellerFixtures.key(UInt8(100 + $0)) }
    private static let window = (opens: Fixtures.now.addingTimeInterval(-86_400), closes: Fixtures.now.addingTimeInterval(86_400))

    /// Costs in thousands, so Equal Shares with Add1 (one unit per voter a step) ends in a few hundred steps.
    private static func budget(_ id: String, rule: TallyRule, threshold: Int? = nil, points: Int? = nil) -> FormSpec {
        let costs = [120, 340, 90, 410, 260, 75, 500, 180, 220, 60]
        return FormSpec(id: "city/\(id)/vote", kind: .budget, title: ["en": "Budget \(id)"], space: "city/\(id)", opens: window.opens,
                        closes: window.closes, eligibility: .roll, roll: "city-2026",
                        options: costs.enumerated().map { FormOption(id: "p\($0.offset)", title: ["en": "Project \($0.offset)"], cost: $0.element) },
                        constraints: points.map { FormConstraints(points: $0, maxPointsPerOption: 5) } ?? FormConstraints(budget: 1000, maxChoices: 5),
                        currency: "EUR", tally: TallySettings(rule: rule, total: 1000, threshold: threshold))
    }

    static let budgets: [FormSpec] = [
        budget("greedy", rule: .greedy), budget("threshold", rule: .greedyThreshold, threshold: 12),
        budget("no-skip", rule: .greedyNoSkip), budget("shares", rule: .equalShares),
        budget("add1", rule: .equalSharesAdd1), budget("comparison", rule: .equalSharesAdd1Comparison),
        budget("points", rule: .equalSharesAdd1, points: 10),
    ]
    static let supports = FormSpec(id: "data/ideas/supports", kind: .supports, title: ["en": "Ideas"], space: "data", eligibility: .open,
                                   options: (0..<6).map { FormOption(id: "i\($0)", title: ["en": "Idea \($0)"]) },
                                   constraints: FormConstraints(supportsPerParticipant: 3, threshold: 10))
    static let petition = FormSpec(id: "house/trains/sign", kind: .petition, title: ["en": "Night trains"], space: "house", eligibility: .open,
                                   identityFields: Fixtures.petition.identityFields,
                                   thresholds: [Threshold(count: 5, consequence: ["en": "A reply"]), Threshold(count: 12, consequence: ["en": "A debate"])])
    static let opinion = FormSpec(id: "school/talk/opinions", kind: .opinion, title: ["en": "Talk"], space: "school", eligibility: .open,
                                  options: (0..<9).map { FormOption(id: "s\($0)", title: ["en": "Statement \($0)"]) })
    static var forms: [FormSpec] { budgets + [supports, petition, Fixtures.survey, opinion, CredentialFixtures.petition] }

    /// Every ballot: seeded, so the corpus is the same on every run.
    static func records() -> [SubmissionRecord] {
        var random = SeededGenerator(seed: 2026)
        var records: [SubmissionRecord] = []
        var nonce = [UInt8: UInt8]()
        func next(_ key: UInt8) -> UInt8 {
            nonce[key, default: 0] &+= 1
            return nonce[key]!
        }
        for form in budgets {
            for (index, voter) in voters.enumerated() {
                let seed = UInt8(100 + index)
                let items: [BallotItem]
                if form.constraints.points != nil {
                    var left = 10
                    items = form.options.shuffled(using: &random).prefix(4).compactMap { option in
                        let points = min(left, Int.random(in: 1...5, using: &random))
                        left -= points
                        return points > 0 ? BallotItem(option.id, String(points)) : nil
                    }
                } else {
                    var spent = 0
                    items = form.options.shuffled(using: &random).filter { option in
                        guard spent + option.cost! <= 1000, Int.random(in: 0..<3, using: &random) > 0 else { return false }
                        spent += option.cost!
                        return true
                    }.prefix(5).map { BallotItem($0.id) }
                }
                records.append(TellerFixtures.record(form, items.sorted { $0.parts[0] < $1.parts[0] }, key: voter, nonce: next(seed),
                                                     issued: Fixtures.now.addingTimeInterval(Double(index))))
            }
            // A revote, a ballot from off the roll, one too late and one with a forged signature.
            records.append(TellerFixtures.record(form, [BallotItem("p2")], key: voters[0], nonce: next(100), issued: Fixtures.now.addingTimeInterval(600)))
            records.append(TellerFixtures.record(form, [BallotItem("p5")], key: TellerFixtures.key(7), nonce: 1))
            records.append(TellerFixtures.record(form, [BallotItem("p5")], key: voters[1], nonce: next(101), after: 3 * 86_400))
            var forged = TellerFixtures.record(form, [BallotItem("p6")], key: voters[2], nonce: next(102), issued: Fixtures.now.addingTimeInterval(900))
            forged.ballot = forged.ballot.replacingOccurrences(of: "p6", with: "p3")
            records.append(forged)
        }
        for participant in 0..<30 {
            let key = TellerFixtures.key(UInt8(200 + participant % 50))
            let seed = UInt8(200 + participant % 50)
            let ideas = supports.options.shuffled(using: &random).prefix(participant == 7 ? 4 : 1 + participant % 3).map { BallotItem($0.id) }
            records.append(TellerFixtures.record(supports, ideas.sorted { $0.parts[0] < $1.parts[0] }, key: key, nonce: next(seed)))
        }
        for signer in 0..<16 {
            let key = TellerFixtures.key(UInt8(60 + signer))
            // Two of them sign twice under differently written names and emails: one per person counts.
            let person = signer == 15 ? 3 : signer
            let email = signer == 15 ? "Person3@Example.org" : "person\(person)@example.org"
            records.append(TellerFixtures.record(petition, [], key: key, nonce: 1, issued: Fixtures.now.addingTimeInterval(Double(60 * signer)),
                                                 identity: #"{"email":"\#(email)","name":"Person \#(person)"}"#))
        }
        for respondent in 0..<8 {
            let key = TellerFixtures.key(UInt8(20 + respondent))
            var items = [BallotItem("mood", respondent % 3 == 0 ? "bad" : "good"), BallotItem("topics", "food"), BallotItem("rank", "1", respondent % 2 == 0 ? "y" : "x"), BallotItem("rank", "2", "z"),
                         BallotItem("grid", "r1", respondent % 2 == 0 ? "yes" : "no")]
            if respondent % 2 == 1 { items.append(BallotItem("say", "Shade, \"please\" \(respondent)")) }
            records.append(TellerFixtures.record(Fixtures.survey, items, key: key, nonce: 1))
        }
        for participant in 0..<14 {
            let key = TellerFixtures.key(UInt8(150 + participant))
            for (index, statement) in opinion.options.enumerated() where (participant + index) % 5 != 0 {
                let campA = participant < 8
                let stance = index == 8 ? "agree" : index == 4 ? "pass" : (index < 4) == campA ? "agree" : "disagree"
                records.append(TellerFixtures.record(opinion, [BallotItem([statement.id, stance])], key: key, nonce: next(UInt8(150 + participant)),
                                                     issued: Fixtures.now.addingTimeInterval(Double(index))))
            }
        }
        records += credentialRecords()
        return records
    }

    /// Signatures of a credential petition: five signers, one of them twice, and four without a credential that holds.
    private static func credentialRecords() -> [SubmissionRecord] {
        let form = CredentialFixtures.petition
        let signers = (0..<5).map { TellerFixtures.key(UInt8(230 + $0)) }
        var records = signers.map { signer in
            TellerFixtures.record(form, [], key: signer, nonce: 1, credential: CredentialFixtures.credential(for: signer))
        }
        records.append(TellerFixtures.record(form, [], key: signers[0], nonce: 2, issued: Fixtures.now.addingTimeInterval(60),
                                             credential: CredentialFixtures.credential(for: signers[0])))
        let outsider = TellerFixtures.key(240)
        records.append(TellerFixtures.record(form, [], key: outsider, nonce: 1))
        records.append(TellerFixtures.record(form, [], key: outsider, nonce: 2, credential: CredentialFixtures.credential(for: signers[1])))
        records.append(TellerFixtures.record(form, [], key: outsider, nonce: 3,
                                             credential: CredentialFixtures.credential(for: outsider, signer: CredentialFixtures.stranger)))
        records.append(TellerFixtures.record(petition, [], key: signers[2], nonce: 9, identity: #"{"email":"c@example.org","name":"C"}"#,
                                             credential: CredentialFixtures.credential(for: signers[2])))
        return records
    }

    /// The corpus counted and published; returns the bundle's folder.
    static func publish() throws -> URL {
        let inputs = try TellerFixtures.inputs(forms, rolls: [RollFile(rollID: "city-2026", publicKeys: voters.map(\.publicKey))])
        let db = try TellerFixtures.database(records())
        let (verification, _) = try VerifyRun.current(db: db, inputs: inputs, settings: VerifySettings())
        let stamp = CountStamp(countedAt: CountInput(verification, manifest: inputs.manifest).lastArrival!, auditURL: "audit/")
        let bundle = TellerFixtures.temporaryDirectory()
        try BundleWriter.write(try TallyRun.count(verification, inputs: inputs, stamp: stamp), verification: verification, inputs: inputs,
                               settings: VerifySettings(), stamp: stamp, to: bundle)
        return bundle
    }
}
