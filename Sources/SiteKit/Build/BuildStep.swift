import Foundation

/// A named, timed stage of a build; the build is the list of these, run in order.
struct BuildStep {
    let name: String
    /// Steps that write the finished site run only when no earlier step found an error; the others run
    /// regardless, so one build reports every problem at once.
    var requiresClean = false
    /// Steps that find no problem, only write (the search index, the swap into the output): `sitegen check` skips them.
    var onlyWrites = false
    let run: () throws -> Void
}

/// Thrown by a step that cannot produce what the next steps need (no site.yaml, no theme).
struct StopBuild: Error {}

/// How long each step took, for `--verbose` and the benchmark.
public struct StepTiming: Sendable {
    public let name: String
    public let seconds: Double
}

/// Runs steps in order, timing each; stops before a step that needs a clean build once errors exist.
struct StepRunner {
    let diagnostics: DiagnosticSink
    var timings: [StepTiming] = []

    mutating func run(_ steps: [BuildStep]) throws {
        for step in steps {
            if step.requiresClean && diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.all) }
            diagnostics.step = step.name
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                try step.run()
            } catch is StopBuild {
                throw BuildFailure(diagnostics: diagnostics.all)
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            timings.append(StepTiming(name: step.name, seconds: elapsed))
        }
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.all) }
    }
}
