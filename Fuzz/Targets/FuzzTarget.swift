@testable import CollectorKit
import Foundation
import HTTPTypes
import Model
@testable import SiteKit

/// Every parser that reads a stranger's bytes or a stranger's file, as one fuzzing entry each (`scripts/fuzz.sh`).
///
/// A target that returns found nothing; a crash, a sanitizer's report, a hang or a broken invariant
/// (`precondition`: what a parser reads back must be what its writer wrote) is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The JSON a page's script posts (`SubmissionBody`, `FlatJSON`).
    case json
    /// A no-JS form post's body and its percent-encoding (`FormFields`, `PercentEncoding`).
    case form
    /// The canonical ballot text (`CanonicalBallot`).
    case ballot
    /// The header values the collector reads itself: media type, origin, `Host`, `Accept-Language`, `X-Forwarded-For`.
    case http
    /// A content file's front matter.
    case frontmatter
    /// `site.yaml`.
    case siteyaml
    /// A Pabulib `.pb` file.
    case pabulib
    /// A Pol.is export: comments and votes, split at the first NUL byte.
    case polis
    /// A public roll (`roll.txt`).
    case roll
    /// Any JSON an audit bundle holds (`manifest.json`, `bundle.json`, a ballot line), as canonical JSON reads it.
    case canonicaljson

    public func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .json: Self.json(bytes)
        case .form: Self.form(bytes)
        case .ballot: Self.ballot(text)
        case .http: Self.http(text)
        case .frontmatter: Self.frontMatter(text)
        case .siteyaml: _ = SiteConfigLoader.load(text: text, file: "site.yaml", sink: DiagnosticSink())
        case .pabulib: _ = try? PBElection(pabulibText: text)
        case .polis: Self.polis(bytes)
        case .roll: Self.roll(text)
        case .canonicaljson: Self.canonicalJSON(bytes)
        }
    }

    /// Canonical JSON of any JSON is itself canonical: writing what it reads back changes nothing.
    private static func canonicalJSON(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let canonical = try? CanonicalJSON.compact(json: Data(bytes)) else { return }
        precondition((try? CanonicalJSON.compact(json: canonical)) == canonical, "canonical JSON is not a fixed point")
    }

    private static func json(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = SubmissionBody.decode(bytes)
        guard let members = try? FlatJSON.parse(bytes) else { return }
        // Every string it read, written back as the collector writes JSON, reads back the same.
        for case (_, .string(let value)) in members {
            let written = Array(("{\"k\":" + FlatJSON.quote(value) + "}").utf8)
            precondition((try? FlatJSON.parse(written))?.first?.value == .string(value), "quote then parse changed \(value.debugDescription)")
        }
    }

    private static func form(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard case .success(let fields) = FormFields.parse(Array(bytes)) else { return }
        for (name, value) in fields {
            for text in [name, value] {
                precondition(PercentEncoding.decode(PercentEncoding.encode(text)) == text, "percent-encoding changed \(text.debugDescription)")
            }
        }
    }

    private static func ballot(_ text: String) {
        guard let ballot = try? CanonicalBallot.parse(text) else { return }
        // Made again from its parts, so the `choices` line is spelled anew rather than kept as read.
        let made = CanonicalBallot(form: ballot.form, items: ballot.items, nonce: ballot.nonce, issued: ballot.issued, credential: ballot.credential)
        precondition(made.text == text && made == ballot, "a ballot read as canonical is written otherwise: \(text.debugDescription)")
    }

    private static func http(_ text: String) {
        // What NIO's HTTP parser lets through to a header value: no CR, LF or NUL.
        let lines = text.split(separator: "\n", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard lines.allSatisfy({ !$0.contains("\r") && !$0.contains("\0") }) else { return }
        let line = { (index: Int) in index < lines.count ? lines[index] : "" }
        _ = BodyReader.matches(line(0), SubmissionEndpoint.mediaType)
        _ = BodyReader.admit(contentType: line(0), contentLength: line(1), mediaType: SubmissionEndpoint.mediaType, limit: 65_536)
        _ = OriginPolicy(allowedOrigins: [line(0)], servesSite: true).allows(line(1), authority: line(2))
        if let field = HTTPField.Name("Accept-Language") {
            var headers = HTTPFields()
            headers.append(HTTPField(name: field, value: line(3)))
            _ = Answers.preferredLanguages(headers)
        }
        let proxies = (try? TrustedProxies([line(0), "10.0.0.0/8"])) ?? .none
        _ = proxies.client(peer: line(1), forwardedFor: [line(2), line(4)])
    }

    private static func frontMatter(_ text: String) {
        let sink = DiagnosticSink()
        guard let split = FrontMatterSplit.split(text), let root = FrontMatterParser.root(split, file: "fuzz.md", sink: sink, hint: "") else { return }
        // Also as a translation of itself: every key is then a repeated setting or a text over its own.
        let translated = root.mapping.map { TranslationMerge.merge($0, file: "fuzz.fr.md", over: $0, baseFile: "fuzz.md", lineOffset: 1).0 }
        for node in [root] + (translated.map { [$0] } ?? []) {
            for role in [FileRole.section, .page] {
                guard let reader = YAMLReader.mapping(node, field: "front matter", file: "fuzz.md", lineOffset: 1, sink: sink) else { continue }
                _ = FrontMatterParser.parse(reader, role: role)
            }
        }
    }

    private static func polis(_ bytes: UnsafeBufferPointer<UInt8>) {
        let cut = bytes.firstIndex(of: 0) ?? bytes.count
        let comments = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self)
        let votes = String(decoding: UnsafeBufferPointer(rebasing: bytes[min(cut + 1, bytes.count)...]), as: UTF8.self)
        _ = try? PolisConversation(comments: comments, commentsFile: "comments.csv", votes: votes, votesFile: "votes.csv")
    }

    private static func roll(_ text: String) {
        guard let roll = try? RollFile.parse(text) else { return }
        precondition(RollFile(rollID: roll.rollID, publicKeys: roll.publicKeys).text == text, "a roll read back is written otherwise")
        _ = roll.keys
    }
}
