import Foundation
import Model

/// How results are stamped: when they were counted, and where the audit bundle will be on the site.
public struct CountStamp: Equatable, Sendable {
    public var countedAt: Date
    /// Site-relative folder of the audit bundles (`audit/`); each result links `<this><form id>/`. nil: no link.
    public var auditURL: String?

    public init(countedAt: Date, auditURL: String? = nil) {
        self.countedAt = UTCSecond.truncate(countedAt)
        self.auditURL = auditURL
    }
}

/// `tally`: every form with submissions counted from its valid ballots.
public enum TallyRun {
    /// One count per form that has submissions, by form id.
    public static func count(_ input: CountInput, inputs: TellerInputs, stamp: CountStamp) throws -> [FormCount] {
        try inputs.manifest.forms.filter { input.submitted[$0.id] != nil }.map { form in
            let submitted = input.submitted[form.id]!
            let ballots = input.counted(form.id)
            let participation = Participation(submitted: submitted, valid: ballots.count, rejected: submitted - ballots.count,
                                              eligible: form.eligibility == .roll ? inputs.rolls.size(form.roll) : nil)
            do {
                return try FormTally.count(form, ballots: ballots, participation: participation, countedAt: stamp.countedAt,
                                           audit: stamp.auditURL.map { $0 + form.id + "/" })
            } catch let error as TallyError {
                throw TellerError(error.message)
            }
        }
    }

    /// The counts of a verification held in memory.
    public static func count(_ verification: Verification, inputs: TellerInputs, stamp: CountStamp) throws -> [FormCount] {
        try count(CountInput(verification, manifest: inputs.manifest), inputs: inputs, stamp: stamp)
    }

    /// Writes `<form id>.json` (and `<form id>.answers.csv` for free text) per count, and `summary.json`.
    public static func write(_ counts: [FormCount], unknownForm: Int, inputs: TellerInputs, stamp: CountStamp, to directory: URL) throws {
        for count in counts {
            try FormPaths.write(try ResultFiles.json(count.result), to: try FormPaths.file(directory, count.result.form, suffix: ".json"))
            if !count.textAnswers.isEmpty {
                try FormPaths.write(ResultFiles.csv(count.textAnswers), to: try FormPaths.file(directory, count.result.form, suffix: ".answers.csv"))
            }
        }
        let summary = TallySummary(counts, unknownForm: unknownForm, manifest: inputs.manifest, countedAt: stamp.countedAt)
        try FormPaths.write(try ResultFiles.json(summary), to: directory.appendingPathComponent(TallySummary.fileName))
    }
}

/// `summary.json` beside the result files: one line per form, and the ballots of forms the manifest does not have.
public struct TallySummary: Codable, Equatable, Sendable {
    public static let fileName = "summary.json"

    public struct Line: Codable, Equatable, Sendable {
        public var form: String
        public var kind: FormKind
        public var rule: String?
        public var file: String
        public var participation: Participation
        /// Budgets: funded projects; supports: proposals past the threshold.
        public var selected: [String]?
    }

    public var countedAt: Date
    public var manifestHash: String
    public var forms: [Line]
    public var unknownForm: Int

    enum CodingKeys: String, CodingKey {
        case forms
        case countedAt = "counted_at"
        case manifestHash = "manifest_hash"
        case unknownForm = "unknown_form"
    }

    init(_ counts: [FormCount], unknownForm: Int, manifest: BallotManifest, countedAt: Date) {
        self.countedAt = countedAt
        manifestHash = manifest.hash
        forms = counts.map { count in
            let result = count.result
            let selected = result.options.filter { $0.selected == true }.map(\.id)
            return Line(form: result.form, kind: result.kind, rule: result.rule, file: result.form + ".json", participation: result.participation,
                        selected: result.options.contains { $0.selected != nil } ? selected : nil)
        }
        self.unknownForm = unknownForm
    }
}
