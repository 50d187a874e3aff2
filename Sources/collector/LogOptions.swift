import ArgumentParser
import Logging

/// `--log-format` and `--log-level` of the commands that run as services (`serve`, `issuer serve`), and the logging
/// they set up.
struct LogOptions: ParsableArguments {
    enum LogFormat: String, ExpressibleByArgument { case text, json }

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
    }

    /// Sends every logger of the process to standard error, as text or as JSON lines, from the chosen level up.
    func bootstrap() {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                return JSONLogHandler(label: label, logLevel: level)
            }
        }
    }
}
