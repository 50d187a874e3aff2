import Foundation

/// A named, timed stage of a build; the build is the list of these, run in order.
struct BuildStep {
    let name: String
    let run: () throws -> Void
}

/// How long each step took, for `--verbose` and the benchmark.
public struct StepTiming: Sendable {
    public let name: String
    public let seconds: Double
}

/// Runs steps in order, timing each and stopping at the first step that leaves errors.
struct StepRunner {
    let diagnostics: DiagnosticSink
    var timings: [StepTiming] = []

    mutating func run(_ steps: [BuildStep]) throws {
        for step in steps {
            diagnostics.step = step.name
            let start = DispatchTime.now().uptimeNanoseconds
            try step.run()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            timings.append(StepTiming(name: step.name, seconds: elapsed))
            if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics.all) }
        }
    }
}
