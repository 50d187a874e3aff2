import ArgumentParser
import CollectorKit
import Foundation
import Logging
import Model

/// `collector issuer`: the credential issuer of a roll (docs/ISSUER.md), a process of its own, apart from the
/// collector, so that the party who sees identities never sees ballots.
struct IssuerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuer",
        abstract: "Issue blind-signed credentials to the people an OpenID Connect provider finds eligible (docs/ISSUER.md).",
        subcommands: [KeyCommand.self, ServeCommand.self]
    )

    /// `collector issuer key`: makes the issuer's RSA key, or prints the public text of one.
    struct KeyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Make an issuer key (RSA 3072: RFC 9474 blind signatures, or a --filing-key) and print its public text for site.yaml.",
            discussion: "The key file is PKCS#8 PEM, readable by its owner only, and never overwritten. The printed text (base64url of the DER SubjectPublicKeyInfo) is what the site publishes for the roll."
        )

        @Option(help: ArgumentHelp("Write a new key to this file.", valueName: "file"))
        var out: String?

        @Option(name: .customLong("print"), help: ArgumentHelp("Print the public text of this existing key file.", valueName: "file"))
        var existing: String?

        func validate() throws {
            guard (out == nil) != (existing == nil) else {
                throw ValidationError("give either --out FILE (make a new key) or --print FILE (show an existing key's public text)")
            }
        }

        func run() throws {
            do {
                if let out {
                    print(try IssuerKeyFile.create(out).publicKeyText)
                } else if let existing {
                    print(try IssuerKeyFile.load(existing, flag: "--print").publicKeyText)
                }
            } catch {
                throw ValidationError("\(out == nil ? "--print" : "--out") \(error)")
            }
        }
    }

    /// `collector issuer serve`: one roll's issuer over HTTP.
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve one roll's credentials: log people in with an OpenID Connect provider or take a voting code of the roll, blind-sign once per person.",
            discussion: "Stores only a keyed digest of each person's provider subject per roll (docs/ISSUER.md). SIGTERM or SIGINT stops it."
        )


        @Option(help: "The roll this issuer serves, as the site's forms name it.")
        var roll: String

        @Option(help: ArgumentHelp("The issuer's RSA key (made by `collector issuer key --out`).", valueName: "file"))
        var key: String

        @Option(help: "SQLite database of the subject digests already issued, created if missing.")
        var db = "issuer.sqlite"

        @Option(help: ArgumentHelp("Secret key of the subject digests, made on first start (default: beside --db, its extension replaced by .subject-key).",
                                   discussion: "Kept out of the database and readable by its owner only; keep it with the database, or every person could have a second credential.",
                                   valueName: "file"))
        var subjectKey: String?

        @Option(help: ArgumentHelp("The provider's OpenID Connect discovery URL (…/.well-known/openid-configuration).", valueName: "url"))
        var discovery: String?

        @Option(help: "This issuer's client id at the provider.")
        var clientId: String?

        @Option(help: ArgumentHelp("File holding the client secret, readable by its owner only.", valueName: "file"))
        var clientSecretFile: String?

        @Option(help: ArgumentHelp("The roll's public file (`collector credentials` writes roll.txt): each of its voting codes gets one credential.",
                                   discussion: "The identity step where the roll has no identity provider, or beside one (POST /v1/code-grants).",
                                   valueName: "file"))
        var codes: String?

        @Option(help: ArgumentHelp("This issuer's address as browsers reach it (the callback is <url>/v1/callback, to register at the provider).",
                                   valueName: "url"))
        var publicUrl: String

        @Option(help: ArgumentHelp("Origin of a site whose pages may send people here and ask for credentials (repeatable, at least one).",
                                   valueName: "url"))
        var site: [String] = []

        @Option(help: "Scopes asked of the provider for a credential; must hold openid and no name (FranceConnect: \"openid birthdate\").")
        var scope = "openid"

        @Option(help: ArgumentHelp("The key of filers' attestations (made by `collector issuer key --out`; not the --key key). Without it, no filing.",
                                   discussion: "The --key key blind-signs whatever a page sends it, so an attestation under it could be forged by anyone eligible.",
                                   valueName: "file"))
        var filingKey: String?

        @Option(help: "Scopes asked of the provider when the login is to file a petition (the filer's name and age).")
        var filingScope = IssuerSettings.defaultFilingScope

        @Option(help: "acr_values asked of the provider (FranceConnect: eidas1).")
        var acrValues: String?

        @Option(help: "Least age, in years, from the birthdate claim (which the provider must then give).")
        var minAge: Int?

        @Option(help: ArgumentHelp("A claim the ID token must carry (repeatable).", valueName: "name"))
        var requireClaim: [String] = []

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on (0: any free port).")
        var port = 8700

        @Option(help: "Seconds after which an idle or stalled connection is closed.")
        var idleTimeout = 30

        @Option(help: "Connections held at once; one more is answered 503 (busy) and closed.")
        var maxConnections = 1024

        @OptionGroup var log: LogOptions

        func validate() throws {
            guard !roll.isEmpty, roll.utf8.count <= 200, roll.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
                throw ValidationError("--roll \(roll): name the roll as the site's forms do, in 1 to 200 visible ASCII characters (e.g. petitions-2026)")
            }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
            guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 second") }
            if let minAge, !(0...150).contains(minAge) { throw ValidationError("--min-age \(minAge): give an age in years, 0 to 150") }
            guard scope.split(separator: " ").contains("openid") else {
                throw ValidationError("--scope \(scope): OpenID Connect needs the scope openid, e.g. --scope \"openid birthdate\"")
            }
            // A credential's login must not hand the issuer the names it has no use for; names are for filing only.
            if let name = scope.split(separator: " ").first(where: { Self.nameScopes.contains(String($0)) }) {
                throw ValidationError("--scope \(scope): \(name) gives the person's name, which a credential's login must not ask for; "
                                      + "names belong in --filing-scope (a petition's filing), e.g. --scope \"openid birthdate\"")
            }
            guard filingScope.split(separator: " ").contains("openid") else {
                throw ValidationError("--filing-scope \(filingScope): OpenID Connect needs the scope openid, e.g. --filing-scope \"\(IssuerSettings.defaultFilingScope)\"")
            }
            guard !site.isEmpty else {
                throw ValidationError("--site: name at least one site whose pages send people here, e.g. --site https://consult.example.org")
            }
            for origin in site where URL(string: origin).flatMap({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil ? $0 : nil }) == nil {
                throw ValidationError("--site \(origin): give the site's origin, e.g. https://consult.example.org")
            }
            guard let url = URL(string: publicUrl), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
                  url.query == nil, url.fragment == nil
            else {
                throw ValidationError("--public-url \(publicUrl): give this issuer's address as browsers reach it, e.g. https://issuer.example.org")
            }
            let providerOptions = [discovery, clientId, clientSecretFile].compactMap { $0 }.count
            guard providerOptions == 0 || providerOptions == 3 else {
                throw ValidationError("--discovery, --client-id and --client-secret-file go together: give all three (an identity provider) "
                                      + "or none (voting codes only, --codes roll.txt)")
            }
            guard providerOptions == 3 || codes != nil else {
                throw ValidationError("give an identity step: a provider (--discovery, --client-id, --client-secret-file), "
                                      + "the roll's voting codes (--codes roll.txt), or both")
            }
            if let discovery {
                guard let discoveryURL = URL(string: discovery), ["http", "https"].contains(discoveryURL.scheme?.lowercased() ?? "") else {
                    throw ValidationError("--discovery \(discovery): give the provider's discovery URL, e.g. https://app.franceconnect.gouv.fr/api/v1/.well-known/openid-configuration")
                }
            }
            if clientId?.isEmpty == true { throw ValidationError("--client-id: give the client id the provider registered for this issuer") }
        }

        /// Scopes that name the person (OpenID Connect's and FranceConnect's).
        static let nameScopes: Set<String> = ["given_name", "family_name", "preferred_username", "name", "identite_pivot"]

        func run() async throws {
            log.bootstrap()
            let logger = Logger(label: "issuer")
            let environment = CollectorEnvironment()
            let issuerKey: IssuerKeyFile
            do {
                issuerKey = try IssuerKeyFile.load(key, flag: "--key")
            } catch {
                throw ValidationError("--key \(error)")
            }
            var filing: IssuerKeyFile?
            if let filingKey {
                do {
                    filing = try IssuerKeyFile.load(filingKey, flag: "--filing-key")
                } catch {
                    throw ValidationError("--filing-key \(error)")
                }
                guard filing?.publicKeyText != issuerKey.publicKeyText else {
                    throw ValidationError("--filing-key \(filingKey): this is the --key key; make another with `collector issuer key --out FILE`: "
                                          + "the --key key blind-signs whatever a page sends it without seeing it, so an attestation under it "
                                          + "could be forged by anyone eligible for a credential")
                }
            }
            var secret = ""
            if let clientSecretFile {
                do {
                    secret = try ClientSecretFile.read(clientSecretFile)
                } catch {
                    throw ValidationError("--client-secret-file \(error)")
                }
            }
            var rollCodes: Rolls?
            if let codes {
                let file: RollFile
                do {
                    file = try Rolls.file(codes, flag: "--codes")
                } catch {
                    throw ValidationError("\(error)")
                }
                guard file.rollID == roll else {
                    throw ValidationError("--codes \(codes): this is the roll file of `\(file.rollID)`, not of --roll \(roll)")
                }
                rollCodes = try Rolls([file])
            }
            let subjectKeyPath = subjectKey ?? SubjectKey.defaultPath(database: db)
            let digests: SubjectKey
            do {
                digests = try SubjectKey(file: subjectKeyPath, randomBytes: environment.randomBytes)
            } catch {
                throw ValidationError("--subject-key \(error)")
            }
            let store: IssuedStore
            do {
                store = try IssuedStore(path: db)
            } catch {
                throw ValidationError("--db \(db): cannot use it (\(error)); check that its folder exists and is writable")
            }
            var provider: OpenIDProvider?
            if let discovery {
                do {
                    provider = try await OpenIDProvider.discover(URL(string: discovery)!, client: URLSessionHTTPClient())
                } catch {
                    throw ValidationError("--discovery \(error)")
                }
            }
            var publicURL = publicUrl
            while publicURL.hasSuffix("/") { publicURL.removeLast() }
            var settings = IssuerSettings(roll: roll, publicURL: publicURL, sites: site, clientID: clientId ?? "", clientSecret: secret, scope: scope,
                                          filingScope: filingScope, acrValues: acrValues, requiredClaims: requireClaim, minimumAge: minAge)
            settings.maxConnections = maxConnections
            let issuer = try CredentialIssuer(settings: settings, key: issuerKey, filingKey: filing, subjectKey: digests, store: store, provider: provider,
                                              codes: rollCodes, environment: environment, logger: logger)
            let host = self.host
            let app = IssuerServer.application(issuer: issuer, host: host, port: port, idleTimeout: .seconds(idleTimeout), logger: logger) { port in
                // Scripts and tests read this line to learn the port (with --port 0).
                print("issuer listening on http://\(host):\(port)")
                fflush(stdout)
            }
            logger.info("issuing credentials for roll \(roll) with key \(issuerKey.publicKeyText)")
            if let filing { logger.info("attesting filers with key \(filing.publicKeyText), logins asking \(filingScope)") }
            if let provider { logger.info("provider \(provider.issuer); register the callback \(settings.redirectURI) there") }
            if let rollCodes { logger.info("taking the \(rollCodes.files[0].keys.count) voting codes of roll \(roll)") }
            try await app.runService()
            logger.info("stopped")
        }
    }
}
