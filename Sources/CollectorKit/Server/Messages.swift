import Model

/// The collector's words for participants, per language: refusal messages and the no-JS answer page.
///
/// The manifest carries form titles but no messages, so these tables are the collector's own; a language
/// without a table falls back to English.
public enum Messages {
    public static func message(_ code: RefusalCode, language: String) -> String {
        table(language)[code.rawValue] ?? english[code.rawValue] ?? code.rawValue
    }

    public static func text(_ key: PageText, language: String) -> String {
        table(language)[key.rawValue] ?? english[key.rawValue] ?? key.rawValue
    }

    /// The words of the no-JS answer page.
    public enum PageText: String {
        case storedTitle = "page.stored", receiptLabel = "page.receipt", refusedTitle = "page.refused", back = "page.back",
             fieldLabel = "page.field", keepReceipt = "page.keep", replaces = "page.replaces"
    }

    /// The first of `preferred` (language tags, best first) that the form is written in, else the site's default.
    public static func language(preferred: [String], form: FormSpec?, defaultLanguage: String) -> String {
        for tag in preferred {
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            if let form, form.title[tag] != nil { return tag }
            if let form, form.title[primary] != nil { return primary }
            if form == nil, tables[primary] != nil { return primary }
        }
        return defaultLanguage
    }

    private static func table(_ language: String) -> [String: String] {
        if let table = tables[language] { return table }
        let primary = language.split(separator: "-").first.map { String($0).lowercased() } ?? ""
        return tables[primary] ?? english
    }

    private static let tables: [String: [String: String]] = ["en": english, "fr": french, "es": spanish, "de": german]

    private static let english: [String: String] = [
        "unsupported_media_type": "This kind of content is not accepted here.",
        "body_too_large": "The submission is too large.",
        "invalid_utf8": "The submission contains text that is not valid UTF-8.",
        "invalid_json": "The submission is not valid JSON of the expected shape.",
        "invalid_form_data": "The form data could not be read.",
        "unknown_field": "The submission contains a field this form does not have.",
        "missing_field": "A required field is missing.",
        "origin_not_allowed": "Submissions are not accepted from this site.",
        "rate_limited": "Too many submissions from your connection. Please wait a moment and try again.",
        "not_found": "There is nothing at this address.",
        "invalid_path": "This address is not one of the site's pages.",
        "unavailable": "The submission could not be stored right now. Please try again.",
        "busy": "The collector is busy. Please try again in a moment.",
        "unsupported_encoding": "The request uses an encoding this collector does not read.",
        "unknown_form": "This form does not exist.",
        "form_not_open": "This form is not open yet.",
        "form_closed": "This form is closed.",
        "ballot_not_canonical": "The ballot is not written in its canonical form.",
        "issued_in_future": "Your device's clock is ahead of the real time. Set it to the right time and try again.",
        "form_mismatch": "The ballot is for another form.",
        "invalid_choice": "A choice is not one this form offers.",
        "conflicting_choices": "Some answers contradict each other or repeat.",
        "too_few_choices": "Please choose more options.",
        "too_many_choices": "Too many options are chosen.",
        "over_budget": "The chosen projects cost more than the budget.",
        "under_budget": "The chosen projects do not use enough of the budget.",
        "invalid_points": "Points must be whole positive numbers.",
        "too_many_points": "More points are given than are available.",
        "missing_answer": "A required answer is missing.",
        "text_too_long": "The text is too long.",
        "invalid_public_key": "The public key is not well formed.",
        "invalid_signature": "The signature is not well formed.",
        "signature_mismatch": "The signature does not match the ballot.",
        "invalid_code": "A voting code has 25 letters and digits, in five groups of five. Check it against your letter.",
        "key_not_in_roll": "This voting code is not on the list of codes for this vote. Check it against your letter, character by character.",
        "code_mistyped": "This voting code has a typing mistake: a character is wrong or two are swapped. Check each one against your letter.",
        "missing_identity": "Please fill in every required field about yourself.",
        "invalid_identity": "A field about yourself is not filled in correctly.",
        "invalid_receipt": "A receipt is 64 hexadecimal characters.",
        "invalid_tree_size": "Ask for two log sizes, the first no larger than the second, neither larger than the log.",
        "page.stored": "Your submission is stored",
        "page.receipt": "Your receipt:",
        "page.keep": "Keep this receipt: it lets you check that your submission is counted.",
        "page.replaces": "You had already submitted on this form with the same key: only one of your submissions counts.",
        "page.refused": "Your submission was not stored",
        "page.back": "Back to the form",
        "page.field": "Field:",
    ]

    private static let french: [String: String] = [
        "unsupported_media_type": "Ce type de contenu n’est pas accepté ici.",
        "body_too_large": "L’envoi est trop volumineux.",
        "invalid_utf8": "L’envoi contient du texte qui n’est pas en UTF-8 valide.",
        "invalid_json": "L’envoi n’est pas un JSON de la forme attendue.",
        "invalid_form_data": "Les données du formulaire sont illisibles.",
        "unknown_field": "L’envoi contient un champ que ce formulaire n’a pas.",
        "missing_field": "Un champ obligatoire manque.",
        "origin_not_allowed": "Les envois venant de ce site ne sont pas acceptés.",
        "rate_limited": "Trop d’envois depuis votre connexion. Patientez un instant puis réessayez.",
        "not_found": "Il n’y a rien à cette adresse.",
        "invalid_path": "Cette adresse n’est pas une page du site.",
        "unavailable": "L’envoi n’a pas pu être enregistré pour le moment. Réessayez.",
        "busy": "Le serveur est occupé. Réessayez dans un instant.",
        "unsupported_encoding": "La requête utilise un encodage que ce serveur ne lit pas.",
        "unknown_form": "Ce formulaire n’existe pas.",
        "form_not_open": "Ce formulaire n’est pas encore ouvert.",
        "form_closed": "Ce formulaire est fermé.",
        "ballot_not_canonical": "Le bulletin n’est pas écrit sous sa forme canonique.",
        "issued_in_future": "L’horloge de votre appareil est en avance : mettez-la à l’heure et réessayez.",
        "form_mismatch": "Le bulletin est destiné à un autre formulaire.",
        "invalid_choice": "Un choix ne fait pas partie de ceux que propose ce formulaire.",
        "conflicting_choices": "Certaines réponses se contredisent ou se répètent.",
        "too_few_choices": "Choisissez davantage d’options.",
        "too_many_choices": "Trop d’options sont choisies.",
        "over_budget": "Les projets choisis dépassent le budget.",
        "under_budget": "Les projets choisis n’utilisent pas assez le budget.",
        "invalid_points": "Les points doivent être des nombres entiers positifs.",
        "too_many_points": "Plus de points sont attribués que disponibles.",
        "missing_answer": "Une réponse obligatoire manque.",
        "text_too_long": "Le texte est trop long.",
        "invalid_public_key": "La clé publique est mal formée.",
        "invalid_signature": "La signature est mal formée.",
        "signature_mismatch": "La signature ne correspond pas au bulletin.",
        "invalid_code": "Un code de vote compte 25 lettres et chiffres, en cinq groupes de cinq. Vérifiez-le sur votre courrier.",
        "key_not_in_roll": "Ce code de vote ne figure pas sur la liste des codes de ce vote. Vérifiez-le sur votre courrier, caractère par caractère.",
        "code_mistyped": "Ce code de vote contient une faute de frappe : un caractère est erroné ou deux sont inversés. Vérifiez chacun sur votre courrier.",
        "missing_identity": "Remplissez tous les champs obligatoires vous concernant.",
        "invalid_identity": "Un champ vous concernant n’est pas correctement rempli.",
        "invalid_receipt": "Un reçu compte 64 caractères hexadécimaux.",
        "invalid_tree_size": "Demandez deux tailles du journal, la première au plus égale à la seconde, aucune plus grande que le journal.",
        "page.stored": "Votre participation est enregistrée",
        "page.receipt": "Votre reçu\u{202F}:",
        "page.keep": "Gardez ce reçu : il vous permet de vérifier que votre participation est comptée.",
        "page.replaces": "Vous aviez déjà participé à ce formulaire avec la même clé : une seule de vos participations compte.",
        "page.refused": "Votre participation n’a pas été enregistrée",
        "page.back": "Retour au formulaire",
        "page.field": "Champ\u{202F}:",
    ]

    private static let spanish: [String: String] = [
        "unsupported_media_type": "Este tipo de contenido no se acepta aquí.",
        "body_too_large": "El envío es demasiado grande.",
        "invalid_utf8": "El envío contiene texto que no es UTF-8 válido.",
        "invalid_json": "El envío no es un JSON con la forma esperada.",
        "invalid_form_data": "No se pudieron leer los datos del formulario.",
        "unknown_field": "El envío contiene un campo que este formulario no tiene.",
        "missing_field": "Falta un campo obligatorio.",
        "origin_not_allowed": "No se aceptan envíos desde este sitio.",
        "rate_limited": "Demasiados envíos desde su conexión. Espere un momento y vuelva a intentarlo.",
        "not_found": "No hay nada en esta dirección.",
        "invalid_path": "Esta dirección no es una página del sitio.",
        "unavailable": "No se pudo guardar el envío en este momento. Vuelva a intentarlo.",
        "busy": "El servidor está ocupado. Vuelva a intentarlo en un momento.",
        "unsupported_encoding": "La solicitud usa una codificación que este servidor no lee.",
        "unknown_form": "Este formulario no existe.",
        "form_not_open": "Este formulario aún no está abierto.",
        "form_closed": "Este formulario está cerrado.",
        "ballot_not_canonical": "La papeleta no está escrita en su forma canónica.",
        "issued_in_future": "El reloj de su dispositivo va adelantado. Póngalo en hora e inténtelo de nuevo.",
        "form_mismatch": "La papeleta es de otro formulario.",
        "invalid_choice": "Una opción no es de las que ofrece este formulario.",
        "conflicting_choices": "Algunas respuestas se contradicen o se repiten.",
        "too_few_choices": "Elija más opciones.",
        "too_many_choices": "Hay demasiadas opciones elegidas.",
        "over_budget": "Los proyectos elegidos superan el presupuesto.",
        "under_budget": "Los proyectos elegidos no usan suficiente presupuesto.",
        "invalid_points": "Los puntos deben ser números enteros positivos.",
        "too_many_points": "Se asignan más puntos de los disponibles.",
        "missing_answer": "Falta una respuesta obligatoria.",
        "text_too_long": "El texto es demasiado largo.",
        "invalid_public_key": "La clave pública está mal formada.",
        "invalid_signature": "La firma está mal formada.",
        "signature_mismatch": "La firma no corresponde a la papeleta.",
        "invalid_code": "Un código de votación tiene 25 letras y cifras, en cinco grupos de cinco. Compruébelo en su carta.",
        "key_not_in_roll": "Este código de votación no está en la lista de códigos de esta votación. Compruébelo en su carta, carácter por carácter.",
        "code_mistyped": "Este código de votación tiene un error de escritura: un carácter es incorrecto o dos están intercambiados. Compruebe cada uno en su carta.",
        "missing_identity": "Rellene todos los campos obligatorios sobre usted.",
        "invalid_identity": "Un campo sobre usted no está bien rellenado.",
        "invalid_receipt": "Un recibo tiene 64 caracteres hexadecimales.",
        "invalid_tree_size": "Pida dos tamaños del registro, el primero no mayor que el segundo, ninguno mayor que el registro.",
        "page.stored": "Su participación está guardada",
        "page.receipt": "Su recibo:",
        "page.keep": "Guarde este recibo: le permite comprobar que su participación se cuenta.",
        "page.replaces": "Ya había participado en este formulario con la misma clave: solo cuenta una de sus participaciones.",
        "page.refused": "Su participación no se ha guardado",
        "page.back": "Volver al formulario",
        "page.field": "Campo:",
    ]

    private static let german: [String: String] = [
        "unsupported_media_type": "Diese Art von Inhalt wird hier nicht angenommen.",
        "body_too_large": "Die Einsendung ist zu groß.",
        "invalid_utf8": "Die Einsendung enthält Text, der kein gültiges UTF-8 ist.",
        "invalid_json": "Die Einsendung ist kein JSON in der erwarteten Form.",
        "invalid_form_data": "Die Formulardaten konnten nicht gelesen werden.",
        "unknown_field": "Die Einsendung enthält ein Feld, das dieses Formular nicht hat.",
        "missing_field": "Ein Pflichtfeld fehlt.",
        "origin_not_allowed": "Einsendungen von dieser Website werden nicht angenommen.",
        "rate_limited": "Zu viele Einsendungen von Ihrer Verbindung. Bitte warten Sie kurz und versuchen Sie es erneut.",
        "not_found": "Unter dieser Adresse gibt es nichts.",
        "invalid_path": "Diese Adresse ist keine Seite der Website.",
        "unavailable": "Die Einsendung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es erneut.",
        "busy": "Der Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
        "unsupported_encoding": "Die Anfrage verwendet eine Kodierung, die dieser Server nicht liest.",
        "unknown_form": "Dieses Formular gibt es nicht.",
        "form_not_open": "Dieses Formular ist noch nicht geöffnet.",
        "form_closed": "Dieses Formular ist geschlossen.",
        "ballot_not_canonical": "Der Stimmzettel ist nicht in seiner kanonischen Form geschrieben.",
        "issued_in_future": "Die Uhr Ihres Geräts geht vor. Stellen Sie die richtige Zeit ein und versuchen Sie es erneut.",
        "form_mismatch": "Der Stimmzettel gehört zu einem anderen Formular.",
        "invalid_choice": "Eine Auswahl gehört nicht zu diesem Formular.",
        "conflicting_choices": "Einige Antworten widersprechen sich oder wiederholen sich.",
        "too_few_choices": "Bitte wählen Sie mehr Optionen.",
        "too_many_choices": "Es sind zu viele Optionen gewählt.",
        "over_budget": "Die gewählten Projekte kosten mehr als das Budget.",
        "under_budget": "Die gewählten Projekte nutzen zu wenig vom Budget.",
        "invalid_points": "Punkte müssen ganze positive Zahlen sein.",
        "too_many_points": "Es sind mehr Punkte vergeben als verfügbar.",
        "missing_answer": "Eine Pflichtantwort fehlt.",
        "text_too_long": "Der Text ist zu lang.",
        "invalid_public_key": "Der öffentliche Schlüssel ist fehlerhaft.",
        "invalid_signature": "Die Signatur ist fehlerhaft.",
        "signature_mismatch": "Die Signatur passt nicht zum Stimmzettel.",
        "invalid_code": "Ein Abstimmungscode hat 25 Buchstaben und Ziffern in fünf Fünfergruppen. Bitte prüfen Sie ihn anhand Ihres Briefes.",
        "key_not_in_roll": "Dieser Abstimmungscode steht nicht auf der Liste der Codes dieser Abstimmung. Bitte prüfen Sie ihn Zeichen für Zeichen anhand Ihres Briefes.",
        "code_mistyped": "Dieser Abstimmungscode enthält einen Tippfehler: Ein Zeichen ist falsch oder zwei sind vertauscht. Bitte prüfen Sie jedes anhand Ihres Briefes.",
        "missing_identity": "Bitte füllen Sie alle Pflichtfelder zu Ihrer Person aus.",
        "invalid_identity": "Ein Feld zu Ihrer Person ist nicht richtig ausgefüllt.",
        "invalid_receipt": "Eine Quittung besteht aus 64 Hexadezimalzeichen.",
        "invalid_tree_size": "Fragen Sie nach zwei Protokollgrößen, die erste nicht größer als die zweite, keine größer als das Protokoll.",
        "page.stored": "Ihre Teilnahme ist gespeichert",
        "page.receipt": "Ihre Quittung:",
        "page.keep": "Bewahren Sie diese Quittung auf: Damit können Sie prüfen, dass Ihre Teilnahme gezählt wird.",
        "page.replaces": "Sie hatten an diesem Formular schon mit demselben Schlüssel teilgenommen: Nur eine Ihrer Teilnahmen zählt.",
        "page.refused": "Ihre Teilnahme wurde nicht gespeichert",
        "page.back": "Zurück zum Formular",
        "page.field": "Feld:",
    ]
}
