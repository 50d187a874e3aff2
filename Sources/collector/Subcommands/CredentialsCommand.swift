import ArgumentParser
import CollectorKit
import Foundation
import Model

/// `collector credentials`: voting codes for a roll, their printable cards, and the public roll.
struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Make voting codes for a roll: DIR/roll.txt (public), DIR/codes.csv and DIR/codes.html (secret).",
        discussion: "Give the roll.txt to the tellers and publish it; print codes.html and hand one card to each voter; keep codes.csv safe. "
            + "Each card gives the consultation's title, the address of the form and its deadline, from --manifest unless given: "
            + "build the site with its final base_url before printing, since the cards carry its addresses."
    )

    @Option(help: "The roll id, as the forms' `roll:` names it (e.g. city-2026).")
    var roll: String

    @Option(help: "How many codes to make.")
    var count: Int

    @Option(help: "Directory to write into (created if missing).")
    var out: String

    @Option(help: "The address printed on every card (default, with --manifest: the page of the roll's form, else the manifest's site).")
    var siteUrl: String?

    @Option(help: "The consultation's title printed on every card (default, with --manifest: the site's title and the titles of the roll's forms).")
    var title: String?

    @Option(help: "The deadline printed on every card, as written (default, with --manifest: the last day, or time, the roll's forms close).")
    var deadline: String?

    @Option(help: "The site's ballot manifest: the roll must be one its forms use.")
    var manifest: String?

    @Option(help: ArgumentHelp("The collector's words in the site's languages (written by sitegen; default: collector.json beside --manifest, else public/collector.json).",
                               valueName: "file"))
    var messages: String?

    @Option(help: "Language of the printed cards, one of the site's (default: the site's default language).")
    var language: String?

    @Flag(help: "Overwrite roll.txt, codes.csv and codes.html if they exist.")
    var force = false

    func validate() throws {
        guard RollFile.isValidID(roll) else { throw ValidationError(CredentialsError.invalidRollID(roll).description) }
        guard (1...CredentialBatch.maxCount).contains(count) else { throw ValidationError(CredentialsError.invalidCount(count).description) }
        if let siteUrl, URL(string: siteUrl)?.host == nil {
            throw ValidationError("--site-url \(siteUrl): give the full address voters type, e.g. https://consult.example.org/")
        }
    }

    func run() throws {
        let siteWords = try MessagesFile.load(messages ?? manifest.map(MessagesFile.beside) ?? "public/" + CollectorCatalog.fileName)
        guard let words = CardWords(siteWords, language: language ?? siteWords.catalog.defaultLanguage) else {
            throw CredentialsError.unknownLanguage(language ?? "", known: siteWords.catalog.languages.keys.sorted())
        }
        var details = CardDetails()
        if let manifest {
            let loaded = try loadManifest(manifest)
            try loaded.requireRoll(roll, path: manifest)
            details = CardDetails(manifest: loaded, rollID: roll, words: words)
        }
        details.title = title ?? details.title
        details.address = siteUrl ?? details.address
        details.deadline = deadline ?? details.deadline
        let files = CredentialFiles(directory: out)
        let present = files.existing()
        if !force, !present.isEmpty { throw CredentialsError.filesExist(present) }

        let clock = ContinuousClock()
        let started = clock.now
        var generator = SystemRandomNumberGenerator()
        let batch = try CredentialBatch.generate(rollID: roll, count: count) { count in
            (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        let made = clock.now
        try files.write(batch, details: details, words: words, force: force)
        let written = clock.now
        let seconds = (made - started).seconds
        print("made \(count) codes and keys for roll \(roll) in \(format(seconds)) s (\(Int(Double(count) / max(seconds, 0.001))) per second, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores); wrote the files in \(format((written - made).seconds)) s")
        print("public: \(files.path("roll.txt"))")
        print("secret: \(files.path("codes.csv")), \(files.path("codes.html"))")
    }

    private func loadManifest(_ path: String) throws -> BallotManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CredentialsError.unreadableManifest(path, reason: "cannot read the file")
        }
        do {
            return try BallotManifest.decoder().decode(BallotManifest.self, from: data)
        } catch {
            throw CredentialsError.unreadableManifest(path, reason: "not a ballot manifest: \(error)")
        }
    }

    private func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
