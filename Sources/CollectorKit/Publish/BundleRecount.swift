import Foundation
import Model

/// `tally --bundle`: recounts each form folder of an audit bundle from its files alone.
public enum BundleRecount {
    /// Recounts every folder under `directory` (or `directory` itself) that holds a `bundle.json`.
    public static func run(_ directory: URL) throws -> [FormCount] {
        let folders = try bundleFolders(directory)
        guard !folders.isEmpty else { throw TellerError("\(directory.path): no \(BundleFormat.settingsFile) in it or below; pass a folder `collector publish` wrote") }
        return try folders.map(recount)
    }

    /// Writes each count where `tally --out` writes it: `<form id>.json` and `<form id>.answers.csv`.
    public static func write(_ counts: [FormCount], to directory: URL) throws {
        for count in counts {
            try FormPaths.write(try ResultFiles.json(count.result), to: try FormPaths.file(directory, count.result.form, suffix: ".json"))
            if !count.textAnswers.isEmpty {
                try FormPaths.write(ResultFiles.csv(count.textAnswers), to: try FormPaths.file(directory, count.result.form, suffix: ".answers.csv"))
            }
        }
    }

    private static func bundleFolders(_ directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw TellerError("--bundle \(directory.path): cannot read the folder")
        }
        var folders: [URL] = []
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(BundleFormat.settingsFile).path) { folders.append(directory) }
        for case let url as URL in walker where url.lastPathComponent == BundleFormat.settingsFile {
            let folder = url.deletingLastPathComponent()
            if folder.standardizedFileURL != directory.standardizedFileURL { folders.append(folder) }
        }
        return folders.sorted { $0.path < $1.path }
    }

    private static func read(_ folder: URL, _ name: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            throw TellerError("\(folder.appendingPathComponent(name).path): missing; the bundle is incomplete")
        }
        return data
    }

    private static func recount(_ folder: URL) throws -> FormCount {
        let decoder = BundleFormat.decoder()
        let settingsPath = folder.appendingPathComponent(BundleFormat.settingsFile).path
        let settings: BundleFormat.Settings
        do {
            settings = try decoder.decode(BundleFormat.Settings.self, from: try read(folder, BundleFormat.settingsFile))
        } catch let error as TellerError {
            throw error
        } catch {
            throw TellerError("\(settingsPath): not a bundle settings file: \(error)")
        }
        let rollPath = folder.appendingPathComponent(BundleFormat.rollFile).path
        let inputs = try TellerInputs.load(manifest: folder.appendingPathComponent(BundleFormat.manifestFile).path,
                                           rolls: FileManager.default.fileExists(atPath: rollPath) ? [rollPath] : [])
        guard inputs.manifest.form(settings.form) != nil else { throw TellerError("\(settingsPath): form `\(settings.form)` is not in the bundle's manifest") }

        let ballotsPath = folder.appendingPathComponent(BundleFormat.ballotsFile).path
        var lines: [BundleFormat.Ballot] = []
        for (number, line) in try read(folder, BundleFormat.ballotsFile).split(separator: UInt8(ascii: "\n")).enumerated() {
            do {
                lines.append(try decoder.decode(BundleFormat.Ballot.self, from: Data(line)))
            } catch {
                throw TellerError("\(ballotsPath):\(number + 1): not a bundle ballot: \(error)")
            }
        }
        let records = lines.map { line -> SubmissionRecord in
            var record = line.record
            record.form = settings.form
            return record
        }
        var recorded: [String: String] = [:]
        for line in lines where line.verdict == .duplicateIdentity { recorded[line.receipt] = line.detail ?? "" }
        try inputs.rolls.checkCovers([inputs.manifest.form(settings.form)!])
        let verifySettings = VerifySettings(revote: settings.revote, tolerance: settings.tolerance)
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: verifySettings)
            .verify(records, recordedDuplicates: recorded)
        for (line, verdict) in zip(lines, verification.verdicts) where line.verdict != verdict.verdict {
            throw TellerError("\(ballotsPath): ballot \(line.receipt) is marked \(line.verdict.rawValue), the recount finds \(verdict.verdict.rawValue)"
                + (verdict.detail.map { " (\($0))" } ?? ""))
        }
        let stamp = CountStamp(countedAt: settings.countedAt, auditURL: settings.auditURL)
        return try TallyRun.count(verification, inputs: inputs, stamp: stamp)[0]
    }
}
