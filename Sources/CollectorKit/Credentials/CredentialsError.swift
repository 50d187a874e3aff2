/// Why `collector credentials` made nothing; each case says which option is at fault and what to do.
public enum CredentialsError: Error, Equatable, CustomStringConvertible {
    case invalidRollID(String)
    case invalidCount(Int)
    case rollNotInManifest(String, manifest: String, known: [String])
    case unreadableManifest(String, reason: String)
    case unknownLanguage(String, known: [String])
    case filesExist([String])
    case cannotWrite(String, reason: String)
    case randomSourceRepeats

    public var description: String {
        switch self {
        case .invalidRollID(let id):
            return "--roll `\(id)`: a roll id has letters, digits and punctuation without spaces, at most 100 bytes (e.g. city-2026)"
        case .invalidCount(let count):
            return "--count \(count): make between 1 and \(CredentialBatch.maxCount) codes"
        case .rollNotInManifest(let id, let manifest, let known):
            let list = known.isEmpty ? "no form of it uses a roll" : "its rolls are: " + known.joined(separator: ", ")
            return "--roll `\(id)`: no form in \(manifest) uses this roll (\(list)); check the id, or rebuild the site if a form was just added"
        case .unreadableManifest(let path, let reason):
            return "--manifest \(path): \(reason) (run `sitegen build` first, or fix the path)"
        case .unknownLanguage(let language, let known):
            return "--language \(language): cards are printed in the site's languages, \(known.joined(separator: ", ")); choose one of them, or add the language to site.yaml and rebuild"
        case .filesExist(let paths):
            return "\(paths.joined(separator: ", ")) already exist: codes are never overwritten by accident; choose another --out, or pass --force"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write (\(reason)); check --out and its permissions"
        case .randomSourceRepeats:
            return "the random source keeps repeating codes; nothing was written"
        }
    }
}
