import Foundation

/// Orders text as a language sorts it: ICU's collation for the language, through Foundation's locale-aware
/// compare (on Linux too), so "Éclairage" comes before "Skatepark" in French, "ñ" after "n" in Spanish and "ł"
/// after "l" in Polish; numbers inside titles count as numbers ("Quartier 2" before "Quartier 10").
struct Collation: Sendable {
    let locale: Locale

    init(language: String) { locale = Locale(identifier: language) }

    func compare(_ a: String, _ b: String) -> ComparisonResult {
        a.compare(b, options: [.numeric], range: nil, locale: locale)
    }

    /// Whether `a` sorts before `b`; texts the collation holds equal fall back to their code points, so an order
    /// never depends on the input's.
    func precedes(_ a: String, _ b: String) -> Bool {
        switch compare(a, b) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: a < b
        }
    }
}
