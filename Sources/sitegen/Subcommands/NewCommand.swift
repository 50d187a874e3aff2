import ArgumentParser
import Foundation
import SiteKit

/// `sitegen new`: starts a site, or adds a space, page, proposal, project or petition to one, in each of its languages.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Start a site, or add a space, page, proposal, project or petition to one.",
        discussion: """
        `sitegen new site DIR` writes a site that builds at once into a new or empty folder. `sitegen new KIND PATH` \
        writes, inside the site of --content, a file per language at PATH (inside the content folder, without language \
        or .md): the default language's with every required setting and a placeholder to replace, the others with \
        texts only, as drafts until translated. It never overwrites a file.
        """
    )

    /// What `new` makes: a whole site, or one of the content kinds.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case site, space, page, proposal, project, petition
    }

    @Argument(help: "What to make: site, space, page, proposal, project or petition.")
    var kind: Kind

    @Argument(help: "The new site's folder, or the new file's path inside the content folder, e.g. city/bike-lanes.")
    var path: String

    @Option(help: "Folder holding site.yaml and the content files (not for `new site`).")
    var content = "content"

    @Option(name: .customLong("language"), help: ArgumentHelp("A language of the new site, the default first; repeat it for each (default: en and fr; only for `new site`).", valueName: "code"))
    var languages: [String] = []

    func validate() throws {
        if kind != .site && !languages.isEmpty {
            throw ValidationError("--language is for `new site`: a site's languages are in its site.yaml")
        }
    }

    func run() throws {
        let files: [ScaffoldFile]
        do {
            if let contentKind = NewContentKind(rawValue: kind.rawValue) {
                files = try ContentScaffold.plan(contentKind, path: path, contentDirectory: URL(fileURLWithPath: content))
            } else {
                files = try SiteScaffold.plan(directory: URL(fileURLWithPath: path), languages: languages.isEmpty ? ["en", "fr"] : languages)
            }
            try ScaffoldFile.write(files)
        } catch let refusal as BuildFailure {
            ReportPrinter.printDiagnostics(refusal.diagnostics)
            FileHandle.standardError.write(Data("nothing was written\n".utf8))
            throw ExitCode(1)
        }
        for file in files { print("wrote \(file.label): \(file.todo)") }
        if kind == .site { print("then: cd \(path) && sitegen build --strict") }
    }
}
