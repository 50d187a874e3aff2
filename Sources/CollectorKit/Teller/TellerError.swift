/// A teller's command could not go on: the message names the file or option at fault and what to do.
public struct TellerError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
