/// A front-matter setting a kind of file cannot do without: the reader reports it missing with `hint`, and
/// `sitegen new` writes `example` for the communicator to replace, so the two never disagree.
public struct RequiredSetting: Sendable, Equatable {
    public let key: String
    public let example: String
    public let meaning: String

    /// The fix a missing setting's error gives: add `cost: 250000` (whole currency units).
    var hint: String { "add `\(key): \(example)` (\(meaning))" }
}
