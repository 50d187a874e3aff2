import Foundation
import Model

/// `tally --bundle`: recounts each form folder of an audit bundle from its files alone.
public enum BundleRecount {
    /// Recounts every folder under `directory` (or `directory` itself) that holds a `bundle.json` and writes each count
    /// into `out` where `tally --out` writes it (`<form id>.json`, `<form id>.answers.csv`); then fails, naming each
    /// file, if a published result or its free-text answers are not what its ballots give.
    public static func run(_ directory: URL, out: URL) throws -> [FormCount] {
        let folders = try bundleFolders(directory)
        guard !folders.isEmpty else { throw TellerError("\(directory.path): no \(BundleFormat.settingsFile) in it or below; pass a folder `collector publish` wrote") }
        var counts: [FormCount] = []
        var differing: [String] = []
        for folder in folders {
            let count = try recount(folder)
            counts.append(count)
            let written = try FormPaths.file(out, count.result.form, suffix: ".json")
            try FormPaths.write(try ResultFiles.json(count.result), to: written)
            if !count.textAnswers.isEmpty {
                try FormPaths.write(ResultFiles.csv(count.textAnswers), to: try FormPaths.file(out, count.result.form, suffix: ".answers.csv"))
            }
            if try read(folder, BundleFormat.resultFile) != (try ResultFiles.json(count.result)) {
                differing.append(folder.appendingPathComponent(BundleFormat.resultFile).path + " (recount: " + written.path + ")")
            }
            let answers = folder.appendingPathComponent(BundleFormat.answersFile)
            if FileManager.default.contents(atPath: answers.path) != (count.textAnswers.isEmpty ? nil : ResultFiles.csv(count.textAnswers)) {
                differing.append(answers.path + " (recount: " + (try FormPaths.file(out, count.result.form, suffix: ".answers.csv")).path + ")")
            }
        }
        guard differing.isEmpty else {
            throw TellerError("the published result is not what its ballots give: " + differing.joined(separator: ", ") + "; compare each pair")
        }
        return counts
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

    /// Recounts one form's folder from its own data: every verdict derived again (identity duplicates from the
    /// published digests) and compared with the one written.
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
        guard settings.format == BundleFormat.Settings.currentFormat else {
            throw TellerError("\(settingsPath): format `\(settings.format)`, this collector recounts `\(BundleFormat.Settings.currentFormat)`; "
                              + "publish the bundle again with this collector, or recount it with the one that wrote it")
        }
        let rollPath = folder.appendingPathComponent(BundleFormat.rollFile).path
        let inputs = try TellerInputs.load(manifest: folder.appendingPathComponent(BundleFormat.manifestFile).path,
                                           rolls: FileManager.default.fileExists(atPath: rollPath) ? [rollPath] : [])
        guard let form = inputs.manifest.form(settings.form) else { throw TellerError("\(settingsPath): form `\(settings.form)` is not in the bundle's manifest") }

        let ballotsPath = folder.appendingPathComponent(BundleFormat.ballotsFile).path
        var lines: [BundleFormat.Ballot] = []
        var receipts = Set<String>()
        for (number, line) in try read(folder, BundleFormat.ballotsFile).split(separator: UInt8(ascii: "\n")).enumerated() {
            let ballot: BundleFormat.Ballot
            do {
                ballot = try decoder.decode(BundleFormat.Ballot.self, from: Data(line))
            } catch {
                throw TellerError("\(ballotsPath):\(number + 1): not a bundle ballot: \(error)")
            }
            guard receipts.insert(ballot.receipt).inserted else { throw TellerError("\(ballotsPath):\(number + 1): ballot \(ballot.receipt) is listed twice") }
            lines.append(ballot)
        }
        try inputs.rolls.checkCovers([form])
        let verifySettings = VerifySettings(revote: settings.revote, tolerance: settings.tolerance)
        var sightings: [String: [Sighting]] = [:]
        for line in lines where line.alsoReceived != nil { sightings[line.receipt] = line.sightings }
        let identities = Dictionary(lines.map { ($0.receipt, $0.identity) }, uniquingKeysWith: { first, _ in first })
        let verification = BallotVerifier(manifest: inputs.manifest, rolls: inputs.rolls, settings: verifySettings)
            .verify(lines.map { $0.record(form: form.id) }, sightings: sightings, identities: .published(identities))
        for (line, verdict) in zip(lines, verification.verdicts) where line.verdict != verdict.verdict {
            throw TellerError("\(ballotsPath): ballot \(line.receipt) is marked \(line.verdict.rawValue), the recount finds \(verdict.verdict.rawValue)"
                + (verdict.detail.map { " (\($0))" } ?? ""))
        }
        let stamp = CountStamp(countedAt: settings.countedAt, auditURL: settings.auditURL)
        return try TallyRun.count(verification, inputs: inputs, stamp: stamp)[0]
    }
}
