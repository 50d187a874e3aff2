import Foundation
import Model

/// `tally --bundle`: recounts each form folder of an audit bundle from its files alone.
public enum BundleRecount {
    /// Recounts every folder under `directory` (or `directory` itself) that holds a `bundle.json` and writes each count
    /// into `out` where `tally --out` writes it (`<form id>.json`, `<form id>.answers.csv`); then fails, naming each
    /// file, if a published result or its free-text answers are not what its ballots give, or (for a whole bundle) if
    /// its ballots and the collectors' logs it carries disagree (`BundleLogs`).
    /// `keys`: the collectors' log keys as the site publishes them; when given, the bundle must carry a log named by
    /// each and no other. Returns the counts and notes for the reader (the rolls counted by, a log no key names).
    public static func run(_ given: URL, out: URL, keys: [String] = []) throws -> (counts: [FormCount], notes: [String]) {
        // A link to the bundle is followed, as it is by a reader who lists the folder.
        let directory = given.resolvingSymlinksInPath()
        let folders = try bundleFolders(directory)
        guard !folders.isEmpty else { throw TellerError("\(directory.path): no \(BundleFormat.settingsFile) in it or below; pass a folder `collector publish` wrote") }
        let whole = try BundleLogs.root(directory)
        if !keys.isEmpty, whole == nil {
            throw TellerError("\(directory.path): no logs/index.json in it or below, so no collector's log to hold the ballots to (--key was given); "
                              + "pass the whole bundle `collector publish` wrote")
        }
        var counts: [FormCount] = []
        var notes: [String] = []
        var folderOf: [String: URL] = [:]
        var differing: [String] = []
        var listed: [String: [BundleLogs.Listing]] = [:]
        for folder in folders {
            let (count, lines, note) = try recount(folder)
            counts.append(count)
            if let note { notes.append(note) }
            // A second folder of one form could list a ballot the counted one dropped, and satisfy the logs with it.
            if let other = folderOf[count.result.form] {
                throw TellerError("\(other.path) and \(folder.path) both count form \(count.result.form): a bundle holds one folder per form")
            }
            folderOf[count.result.form] = folder
            if let whole, folder.standardizedFileURL.path != whole.appendingPathComponent(count.result.form).standardizedFileURL.path {
                throw TellerError("\(folder.path) counts form \(count.result.form), but a whole bundle keeps each form's folder at its id under "
                                  + "\(whole.path), where its logs are")
            }
            for line in lines {
                listed[line.receipt, default: []].append(BundleLogs.Listing(line, folderForm: count.result.form))
            }
            let written = try FormPaths.file(out, count.result.form, suffix: ".json")
            try FormPaths.write(try ResultFiles.json(count.result), to: written)
            if !count.textAnswers.isEmpty {
                try FormPaths.write(ResultFiles.csv(count.textAnswers), to: try FormPaths.file(out, count.result.form, suffix: ".answers.csv"))
            }
            if try BundleFiles.read(folder, BundleFormat.resultFile) != (try ResultFiles.json(count.result)) {
                differing.append(folder.appendingPathComponent(BundleFormat.resultFile).path + " (recount: " + written.path + ")")
            }
            let answers = folder.appendingPathComponent(BundleFormat.answersFile)
            var status = stat()
            let published = lstat(answers.path, &status) == 0 ? try BundleFiles.read(folder, BundleFormat.answersFile) : nil
            if published != (count.textAnswers.isEmpty ? nil : ResultFiles.csv(count.textAnswers)) {
                differing.append(answers.path + " (recount: " + (try FormPaths.file(out, count.result.form, suffix: ".answers.csv")).path + ")")
            }
        }
        guard differing.isEmpty else {
            throw TellerError("the published result is not what its ballots give: " + differing.joined(separator: ", ") + "; compare each pair")
        }
        guard let whole else { return (counts, notes) }
        let logs = try BundleLogs.check(whole, listed: listed, keys: keys)
        guard logs.problems.isEmpty else {
            throw TellerError("the ballots and the collectors' logs disagree: " + logs.problems.joined(separator: "; "))
        }
        return (counts, notes + logs.notes)
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

    /// The manifest (sealed, `TellerInputs.load` checked) is the one the bundle names, and every document it lists is
    /// there with its hash: a folder whose rules were edited recounts nothing.
    private static func checkSeals(_ folder: URL, settings: BundleFormat.Settings, manifest: BallotManifest) throws {
        let manifestPath = folder.appendingPathComponent(BundleFormat.manifestFile).path
        guard manifest.hash == settings.manifestHash else {
            throw TellerError("\(manifestPath): its hash is \(manifest.hash), but \(BundleFormat.settingsFile) names \(settings.manifestHash); the manifest is not the one counted")
        }
        let missing = BundleDocuments.all.map(\.name).filter { settings.documents[$0] == nil }
        guard missing.isEmpty else {
            throw TellerError("\(folder.appendingPathComponent(BundleFormat.settingsFile).path): lists no hash for " + missing.joined(separator: ", ")
                + "; a bundle carries the documents its recount follows: publish it again")
        }
        for (name, hash) in settings.documents.sorted(by: { $0.key < $1.key }) {
            guard !name.contains("/"), !name.hasPrefix("."), !name.isEmpty else {
                throw TellerError("\(folder.appendingPathComponent(BundleFormat.settingsFile).path): document `\(name)` is not a file name in the folder")
            }
            let data = try BundleFiles.read(folder, name)
            guard BallotManifest.sha256Hex(data) == hash else {
                throw TellerError("\(folder.appendingPathComponent(name).path): its SHA-256 is not the one \(BundleFormat.settingsFile) records; the document was edited")
            }
        }
    }

    /// Recounts one form's folder from its own data: every verdict derived again (identity duplicates from the
    /// published digests) and compared with the one written.
    /// The note says which roll a `roll` form was counted by, for a reader to compare with the roll published before
    /// the vote: the bundle's copy is the publisher's word.
    private static func recount(_ folder: URL) throws -> (FormCount, [BundleFormat.Ballot], note: String?) {
        let settingsPath = folder.appendingPathComponent(BundleFormat.settingsFile).path
        let settings: BundleFormat.Settings
        do {
            settings = try BundleFormat.decode(BundleFormat.Settings.self, from: try BundleFiles.read(folder, BundleFormat.settingsFile))
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
        try checkSeals(folder, settings: settings, manifest: inputs.manifest)
        guard let form = inputs.manifest.form(settings.form) else { throw TellerError("\(settingsPath): form `\(settings.form)` is not in the bundle's manifest") }

        let ballotsPath = folder.appendingPathComponent(BundleFormat.ballotsFile).path
        var lines: [BundleFormat.Ballot] = []
        let text = try BundleFiles.read(folder, BundleFormat.ballotsFile)
        guard text.last == UInt8(ascii: "\n") else { throw TellerError("\(ballotsPath): empty, or its last line is cut; a bundle lists every ballot of its form, one per line") }
        for (number, line) in text.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let ballot: BundleFormat.Ballot
            do {
                ballot = try BundleFormat.decode(BundleFormat.Ballot.self, from: Data(line))
            } catch {
                throw TellerError("\(ballotsPath):\(number + 1): not a bundle ballot: \(error)")
            }
            // In receipt order, as written: a ballot listed twice or a line moved is the file's fault, not the count's.
            if let previous = lines.last?.receipt, previous >= ballot.receipt {
                throw TellerError("\(ballotsPath):\(number + 1): ballot \(ballot.receipt) is " + (previous == ballot.receipt ? "listed twice" : "out of receipt order"))
            }
            if let digest = ballot.identityDigest, Hex.decode(digest).map({ $0.count != 32 || Hex.encode($0) != digest }) ?? true {
                throw TellerError("\(ballotsPath):\(number + 1): identity_digest `\(digest)` is not 64 lowercase hex digits")
            }
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
        guard let count = try TallyRun.count(verification, inputs: inputs, stamp: stamp).first else {
            throw TellerError("\(ballotsPath): no ballot of form `\(form.id)` in it; a bundle is written only for a form with ballots")
        }
        return (count, lines, try note(form, rolls: inputs.rolls, rollPath: rollPath, folder: folder))
    }

    /// Who could take part, as the bundle says, for a reader to compare with what the site published before the vote:
    /// the roll's keys, or the issuer key that signed the credentials.
    private static func note(_ form: FormSpec, rolls: Rolls, rollPath: String, folder: URL) throws -> String? {
        guard let roll = form.roll else { return nil }
        switch form.eligibility {
        case .roll:
            return "form \(form.id) counts the \(rolls.size(roll) ?? 0) keys of roll \(roll) in \(rollPath), SHA-256 "
                + BallotManifest.sha256Hex(try BundleFiles.read(folder, BundleFormat.rollFile)) + ": compare it with the roll published before the vote"
        case .credential:
            return "form \(form.id) counts the credentials of roll \(roll) signed by the issuer key \(form.issuerKey ?? ""): compare it with the key "
                + "the site published before the vote"
        case .open:
            return nil
        }
    }
}
