import Foundation
import Model

/// `collector publish`: per form, the anonymised ballots with their verdicts, the roll, the manifest, the result,
/// and a README with the command that recounts it.
public enum BundleWriter {
    /// `logs`: the collectors' receipt logs the tellers' database holds (`BundleLogs.load`), carried at the bundle's top.
    public static func write(_ counts: [FormCount], verification: Verification, inputs: TellerInputs, settings: VerifySettings,
                             stamp: CountStamp, logs: [BundleLogs.Log] = [], to directory: URL) throws {
        var byForm: [String: [Int]] = [:]
        for (index, record) in verification.records.enumerated() { byForm[record.form, default: []].append(index) }
        for count in counts {
            let form = inputs.manifest.form(count.result.form)!
            let folder = try FormPaths.folder(directory, form.id)
            var lines = Data()
            for index in byForm[form.id] ?? [] {
                let record = verification.records[index]
                let verdict = verification.verdicts[index]
                let identity = verification.identities[index]
                let line = BundleFormat.Ballot(receipt: record.receipt, ballot: record.ballot, publicKey: record.publicKey, signature: record.signature,
                                               receivedAt: record.receivedAt, alsoReceived: verification.otherArrivals(record),
                                               identityDigest: identity.digest, identityRefused: identity.refused,
                                               verdict: verdict.verdict, detail: verdict.verdict == .valid ? nil : verdict.detail)
                lines += try CanonicalJSON.compact(line) + Data("\n".utf8)
            }
            try FormPaths.write(lines, to: folder.appendingPathComponent(BundleFormat.ballotsFile))
            try FormPaths.write(inputs.manifestData, to: folder.appendingPathComponent(BundleFormat.manifestFile))
            if form.eligibility == .roll, let roll = inputs.rolls.files.first(where: { $0.rollID == form.roll }) {
                try FormPaths.write(Data(roll.text.utf8), to: folder.appendingPathComponent(BundleFormat.rollFile))
            }
            try FormPaths.write(try ResultFiles.json(count.result), to: folder.appendingPathComponent(BundleFormat.resultFile))
            if !count.textAnswers.isEmpty {
                try FormPaths.write(ResultFiles.csv(count.textAnswers), to: folder.appendingPathComponent(BundleFormat.answersFile))
            }
            for document in BundleDocuments.all {
                try FormPaths.write(Data(document.bytes), to: folder.appendingPathComponent(document.name))
            }
            let bundle = BundleFormat.Settings(form: form.id, countedAt: stamp.countedAt, revote: settings.revote, tolerance: settings.tolerance,
                                               auditURL: stamp.auditURL, manifestHash: inputs.manifest.hash, documents: BundleDocuments.hashes)
            try FormPaths.write(try ResultFiles.json(bundle), to: folder.appendingPathComponent(BundleFormat.settingsFile))
            try FormPaths.write(Data(BundleReadme.text(form: form, count: count).utf8), to: folder.appendingPathComponent("README.md"))
            try FormPaths.write(Data(BundleReadme.index(form: form, files: try files(in: folder)).utf8), to: folder.appendingPathComponent("index.html"))
        }
        try BundleLogs.write(logs, to: directory)
        try FormPaths.write(Data(BundleReadme.top(forms: counts.map(\.result.form)).utf8), to: directory.appendingPathComponent("README.md"))
    }

    private static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "index.html" }.sorted()
    }
}
