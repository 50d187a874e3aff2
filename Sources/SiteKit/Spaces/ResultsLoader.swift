import Foundation
import Model

/// Reads the result files `collector tally` wrote into `content/_results/`, checking each names a form the site shows.
enum ResultsLoader {
    static func load(_ files: [(file: String, data: Data)], forms: FormCatalog, sink: DiagnosticSink) -> [String: FormResult] {
        var results: [String: FormResult] = [:]
        var sources: [String: String] = [:]
        for (file, data) in files {
            do {
                let result = try BallotManifest.decoder().decode(FormResult.self, from: data)
                guard forms.form(result.form) != nil else {
                    sink.error(file, "result for form `\(result.form)`, which the site does not show",
                               hint: "check the form id, or remove this file if its form was removed")
                    continue
                }
                // An old file beside a new count would show the old figures silently: which one is the result is the tellers' call.
                if let first = sources[result.form] {
                    sink.error(file, "a second result for form `\(result.form)`; \(first) is one too",
                               hint: "keep the one `collector tally --out` wrote last (at \(result.form).json) and delete the other")
                    continue
                }
                sources[result.form] = file
                results[result.form] = result
            } catch let DecodingError.keyNotFound(key, context) {
                sink.error(file, "missing field `\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))`", hint: "see docs/RESULTS.md for the format")
            } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
                sink.error(file, "field `\(context.codingPath.map(\.stringValue).joined(separator: "."))`: \(context.debugDescription)", hint: "see docs/RESULTS.md for the format")
            } catch {
                sink.error(file, "not a result file: \(error.localizedDescription)", hint: "see docs/RESULTS.md for the format")
            }
        }
        return results
    }
}
