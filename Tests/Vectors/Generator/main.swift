// Writes Tests/Vectors/ballot-v1.json, the test vectors that the Swift tests (ModelTests/BallotVectorTests) and
// the browser test of themes/default/assets/js/ballot.js both check: `swift run ballot-vectors > Tests/Vectors/ballot-v1.json`.
// Every value comes from Model, so regenerate only when docs/BALLOT.md changes, and review the diff.
import Crypto
import Foundation
import Model

/// Reproducible "random" bytes: SHA-256 of a label and a counter, so the file only changes when the inputs do.
func bytes(_ label: String, _ count: Int) -> [UInt8] {
    var out: [UInt8] = []
    var block = 0
    while out.count < count {
        out += SHA256.hash(data: Data("\(label)/\(block)".utf8))
        block += 1
    }
    return Array(out.prefix(count))
}

func code(_ label: String) -> VotingCode { VotingCode.generate { bytes("code/" + label, $0) } }

let documented = try! VotingCode(parsing: "ABCDE-FGHJK-MNPQR-STVWX-YZ016")
let generated = (1...4).map { code(String($0)) }
let allZero = VotingCode(values: Array(repeating: 0, count: 24))
let allZ = VotingCode(values: Array(repeating: 31, count: 24))

func typedVariant(_ code: VotingCode, _ style: Int) -> String {
    switch style {
    case 0: return code.grouped
    case 1: return code.grouped.lowercased().replacingOccurrences(of: "-", with: " ")
    // Look-alikes: 1 typed as I or l, 0 typed as O or o.
    case 2: return code.grouped.replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "0", with: "O")
    default: return " " + code.normalized.replacingOccurrences(of: "1", with: "I").replacingOccurrences(of: "0", with: "o") + " "
    }
}

let codes: [[String: Any]] = ([documented, allZero, allZ] + generated).enumerated().map { index, code in
    ["typed": typedVariant(code, index % 4), "data": code.data, "check": String(code.checkSymbol), "grouped": code.grouped]
} + [["typed": "abcde fghjk mnpqr stvwx yzo16", "data": documented.data, "check": "6", "grouped": documented.grouped],
     ["typed": "ABCDE-FGHJK-MNPQR-STVWX-YZ0I6", "data": documented.data, "check": "6", "grouped": documented.grouped]]

/// A code with one symbol replaced, or two neighbours swapped: each must fail the check.
func mistype(_ code: VotingCode, at position: Int, swap: Bool) -> String {
    var symbols = Array(code.normalized)
    if swap {
        symbols.swapAt(position, position + 1)
    } else {
        let value = CrockfordBase32.alphabet.firstIndex(of: symbols[position])!
        symbols[position] = CrockfordBase32.alphabet[(value + 7) % 32]
    }
    return String(symbols)
}

var mistyped: [[String: Any]] = []
for typed in [mistype(documented, at: 0, swap: false), mistype(documented, at: 24, swap: false), mistype(documented, at: 3, swap: true),
              mistype(documented, at: 23, swap: true), mistype(generated[0], at: 11, swap: false), mistype(generated[1], at: 17, swap: true)] {
    mistyped.append(["typed": typed, "error": "check_mismatch"])
}
// Non-ASCII look-alikes (the dotless ı upper-cases to I) are refused; a character outside the BMP is one typed
// character (not two UTF-16 units) in `character` and `position`.
for typed in ["ABCDE-FGHJK-MNPQR-STVWX-YU016", "ABCDÉ-FGHJK-MNPQR-STVWX-YZ016", "ABCDE-FGHJK-MNPQR-STVWX-YZ0ı6", "ABCD😀E", "ABCDE-FGHJK-MNPQR-STVWX-YZ016ß", "ABCDE_FGHJK_MNPQR_STVWX_YZ016", "ABCDE-FGHJK-MNPQR-STVWX-YZ016!",
              "ABCDE-FGHJK-MNPQR-STVWX-YZ01", "ABCDE-FGHJK-MNPQR-STVWX-YZ0166", "ABCD-EFGH-JKMN-PQRS-TVWX", ""] {
    do {
        _ = try VotingCode(parsing: typed)
        fatalError("\(typed) should be refused")
    } catch let error {
        var entry: [String: Any] = ["typed": typed, "error": error.code]
        switch error {
        case .invalidCharacter(let character, let position):
            entry["position"] = position
            entry["character"] = String(character)
        case .wrongLength(let length): entry["length"] = length
        case .checkMismatch: break
        }
        mistyped.append(entry)
    }
}

let rolls = ["city-2026", "ville-été/2026", "parliament"]
var keys: [[String: Any]] = []
for (index, code) in ([documented, allZero, allZ] + generated).enumerated() {
    for roll in index == 0 ? rolls : [rolls[index % rolls.count]] {
        let key = VotingKey(code: code, rollID: roll)
        keys.append(["code": code.grouped, "roll": roll, "seed": Hex.encode(key.seed), "public_key": key.publicKey])
    }
}

let percentEncoding: [[String: Any]] = ["", "park-benches", "AZaz09-_.~", "a b", ":", ",", "/", "%", "%25", "+", "=", "&", "!'()*", "\"#$;<>?@[\\]^`{|}",
                                        "é", "Été, à l'ombre: oui", "中文", "مرحبا", "😀", "👩🏽‍🚒", "line\nbreak", "cr\r\nlf", "tab\tx", "\u{7F}"]
    .map { ["text": $0, "encoded": PercentEncoding.encode($0)] }

struct BallotCase {
    let name: String
    let form: String
    let items: [[String]]
    let nonce: [UInt8]
    let issuedMilliseconds: Int64
    let code: VotingCode
    let roll: String
}

let noon: Int64 = 1_795_705_200_000  // 2026-11-26T15:00:00Z
let cases = [
    BallotCase(name: "docs/BALLOT.md worked example", form: "city/ward-1/vote", items: [["park-benches"], ["library-roof"]],
               nonce: Array(0..<16), issuedMilliseconds: noon, code: documented, roll: "city-2026"),
    BallotCase(name: "petition signature: no items", form: "parliament/e-petition-42/sign", items: [],
               nonce: bytes("nonce/petition", 16), issuedMilliseconds: noon + 61_000, code: generated[0], roll: "parliament"),
    BallotCase(name: "cumulative points", form: "aarau/points/vote", items: [["park-benches", "40"], ["library-roof", "5"], ["bike-lanes", "100"]],
               nonce: Array(repeating: 0xFF, count: 16), issuedMilliseconds: noon, code: generated[1], roll: "city-2026"),
    BallotCase(name: "survey: choices, ranking, matrix, text with LF and reserved characters",
               form: "school/survey/answers",
               items: [["topics", "sport"], ["say", "Line one\nline two: 50% / 100%, ok"], ["rank", "2", "x"], ["rank", "1", "z"],
                       ["grid", "r1", "yes"], ["mood", "good"], ["q2", "Été, à l'ombre: oui"], ["topics", "food"]],
               nonce: bytes("nonce/survey", 16), issuedMilliseconds: noon + 999, code: documented, roll: "city-2026"),
    BallotCase(name: "proposal: emoji, CJK, right-to-left text, quotes and brackets",
               form: "data/proposals/propose",
               items: [["title", "Shade trees 🌳 for 中文 schools"], ["text", "مرحبا\n\n👩🏽‍🚒 it's (very) good!* ~ok~"], ["author", "Zoë"]],
               nonce: bytes("nonce/proposal", 16), issuedMilliseconds: 1_835_481_599_999, code: allZ, roll: "ville-été/2026"),
    BallotCase(name: "opinion statements", form: "school/opinion/react",
               items: [["s2", "pass"], ["s1", "agree"], ["s10", "disagree"]],
               nonce: bytes("nonce/opinion", 16), issuedMilliseconds: noon, code: allZero, roll: "city-2026"),
    BallotCase(name: "byte order, duplicates dropped", form: "f",
               items: [["b"], ["a"], ["b"], ["A"], ["_"], ["~"], ["-"], ["a", "b"], ["a b"], ["Zed"], ["q1", "2", "x"]],
               nonce: bytes("nonce/order", 16), issuedMilliseconds: 0, code: generated[2], roll: "city-2026"),
    BallotCase(name: "form id with non-ASCII, space and percent", form: "école/vote 1%/2026",
               items: [["choix", "a:b,c/d%e"]], nonce: bytes("nonce/form", 16), issuedMilliseconds: noon, code: generated[3], roll: "ville-été/2026"),
]

let ballots: [[String: Any]] = cases.map { c in
    let ballot = CanonicalBallot(form: c.form, items: c.items.map(BallotItem.init), nonce: c.nonce,
                                 issued: Date(timeIntervalSince1970: Double(c.issuedMilliseconds) / 1000))
    let key = VotingKey(code: c.code, rollID: c.roll)
    let signature = key.sign(ballot)
    return ["name": c.name, "form": c.form, "items": c.items, "nonce": Hex.encode(c.nonce), "issued_ms": c.issuedMilliseconds,
            "code": c.code.grouped, "roll": c.roll, "text": ballot.text, "public_key": key.publicKey, "signature": signature,
            "receipt": SignedBallot.receipt(ofSignature: Base64URL.decode(signature)!)]
}

let file: [String: Any] = [
    "about": "Test vectors of docs/BALLOT.md (ballot/v1), checked by Tests/ModelTests/BallotVectorTests.swift and by the browser test of "
        + "themes/default/assets/js/ballot.js. Written by `swift run ballot-vectors > Tests/Vectors/ballot-v1.json`; do not edit by hand. "
        + "nonce and seed are hex; issued_ms is milliseconds since 1970 (the ballot keeps whole seconds); items are each item's decoded "
        + "parts, in the order a form gives them; Ed25519 signatures are deterministic (RFC 8032).",
    "format": "ballot/v1",
    "percent_encoding": percentEncoding,
    "codes": codes,
    "mistyped_codes": mistyped,
    "keys": keys,
    "ballots": ballots,
]
let data = try! JSONSerialization.data(withJSONObject: file, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
FileHandle.standardOutput.write(data + Data("\n".utf8))
