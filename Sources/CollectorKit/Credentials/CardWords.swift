/// The words printed on voting-code cards, in the languages the collector speaks.
public struct CardWords: Sendable {
    public let language: String
    let title: String
    let voteAt: String
    let label: String
    let how: String
    let roll: String
    /// Before the deadline: "Vote until" 20 December 2026.
    let until: String

    /// The languages cards can be printed in.
    public static var languages: [String] { all.map(\.language) }

    /// The words of `language` (a primary tag such as `fr` or `fr-CA`), or nil when cards are not printed in it.
    public static func of(_ language: String) -> CardWords? {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return all.first { $0.language == primary }
    }

    public static let english = CardWords(
        language: "en", title: "Voting codes", voteAt: "Vote at", label: "Your voting code",
        how: "Choose on the site, then type this code when you send your choice. Spaces and dashes do not matter; "
            + "I and L count as 1, O as 0. One code, one voter: keep it secret, nobody will ask you for it.",
        roll: "Roll", until: "Vote until")

    private static let all: [CardWords] = [
        english,
        CardWords(language: "fr", title: "Codes de vote", voteAt: "Votez sur", label: "Votre code de vote",
                  how: "Faites vos choix sur le site, puis saisissez ce code au moment de les envoyer. Les espaces et les tirets "
                      + "ne comptent pas ; I et L valent 1, O vaut 0. Un code, un votant : gardez-le secret, personne ne vous le demandera.",
                  roll: "Liste", until: "Votez jusqu'au"),
        CardWords(language: "es", title: "Códigos de votación", voteAt: "Vote en", label: "Su código de votación",
                  how: "Elija en el sitio y escriba este código al enviar su elección. Los espacios y los guiones no importan; "
                      + "I y L cuentan como 1, O como 0. Un código, un votante: guárdelo en secreto, nadie se lo pedirá.",
                  roll: "Censo", until: "Vote hasta el"),
        CardWords(language: "de", title: "Abstimmungscodes", voteAt: "Abstimmen unter", label: "Ihr Abstimmungscode",
                  how: "Wählen Sie auf der Website und geben Sie diesen Code beim Absenden ein. Leerzeichen und Bindestriche spielen "
                      + "keine Rolle; I und L zählen als 1, O als 0. Ein Code, eine Person: Halten Sie ihn geheim, niemand wird Sie danach fragen.",
                  roll: "Verzeichnis", until: "Abstimmen bis"),
    ]
}
