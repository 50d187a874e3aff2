import Foundation
import Model

/// What `tally` counts, as `verify` stores it beside the verdicts (`CountInputStore`): per form with submissions, how
/// many there were, its distinct `choices=` lines and its valid ballots in receipt order, each as its receipt, the
/// arrival it counts by, its choices' number and on opinion forms its key. A count under the same fingerprint reads
/// 48 bytes a ballot (80 on opinion forms) where it parsed every submission again.
enum CountInputBytes {
    private static let format = Array("count-input/1\n".utf8)

    /// `list`'s count input, handed to `emit` in pieces of about `piece` bytes, in order.
    static func encode(_ list: VerdictList, manifest: BallotManifest, piece: Int, emit: ([UInt8]) throws -> Void) throws {
        let facts = list.facts
        var submitted = [Int](repeating: 0, count: manifest.forms.count)
        var counted = [[Int]](repeating: [], count: manifest.forms.count)
        var unknownForm = 0
        for index in facts.indices {
            let form = Int(facts[index].form)
            guard form >= 0 else {
                unknownForm += 1
                continue
            }
            submitted[form] += 1
            // As `CountInput.entry`: a valid ballot counts when its arrival reads as a time.
            if list.verdicts[index].verdict == .valid, facts[index].choices >= 0, facts[index].received != .distantPast { counted[form].append(index) }
        }
        try withoutActuallyEscaping(emit) { emit in
            var out = Writer(piece: piece, emit: emit)
            try format.withUnsafeBytes { try out.append($0) }
            try out.append(unknownForm)
            let present = manifest.forms.indices.filter { submitted[$0] > 0 }
            try out.append(present.count)
            for form in present {
                try out.append(manifest.forms[form].id)
                try out.append(submitted[form])
                try out.append(list.choices[form].count)
                for choices in list.choices[form] { try out.append(choices) }
                // Valid receipts are 64 lowercase hex digits, ordered as their bytes: `CountInput.sortByReceipt`'s order.
                let ballots = counted[form].sortedOnEveryCore { facts[$0].receipt < facts[$1].receipt }
                try out.append(ballots.count)
                let opinion = manifest.forms[form].kind == .opinion
                for index in ballots {
                    try out.append(facts[index].receipt)
                    try out.append(facts[index].received.timeIntervalSinceReferenceDate.bitPattern)
                    try out.append(Int(facts[index].choices))
                    if opinion { try out.append(facts[index].key) }
                }
            }
            try out.finish()
        }
    }

    /// The count input `bytes` hold, or nil when they are not what `encode` writes for `manifest`.
    static func decode(_ bytes: [UInt8], manifest: BallotManifest) -> CountInput? {
        var input = Reader(bytes)
        guard input.take(format.count).map(Array.init) == format, let unknownForm = input.total(), let forms = input.number() else { return nil }
        var submitted: [String: Int] = [:]
        var ballots: [String: [CountedBallot]] = [:]
        for _ in 0..<forms {
            guard let id = input.text(), let form = manifest.form(id), submitted[id] == nil, let count = input.total(),
                  let choiceCount = input.number(), choiceCount <= input.remaining else { return nil }
            submitted[id] = count
            var choices: [[BallotItem]] = []
            choices.reserveCapacity(choiceCount)
            for _ in 0..<choiceCount {
                guard let text = input.text(), let items = try? CanonicalBallot.items(choices: text) else { return nil }
                choices.append(items)
            }
            let opinion = form.kind == .opinion
            guard let ballotCount = input.number(), ballotCount <= count, ballotCount * (opinion ? 80 : 48) <= input.remaining else { return nil }
            var counted: [CountedBallot] = []
            counted.reserveCapacity(ballotCount)
            for _ in 0..<ballotCount {
                guard let receipt = input.bytes32(), let time = input.word(), let choice = input.number(), choice < choices.count else { return nil }
                var voter = ""
                if opinion {
                    guard let key = input.bytes32() else { return nil }
                    voter = Base64URL.encode(key.bytes)
                }
                counted.append(CountedBallot(receipt: receipt.hex, items: choices[choice],
                                             receivedAt: Date(timeIntervalSinceReferenceDate: Double(bitPattern: time)), voter: voter))
            }
            ballots[id] = counted
        }
        guard input.remaining == 0 else { return nil }
        return CountInput(manifest: manifest, submitted: submitted, ballots: ballots, unknownForm: unknownForm)
    }

    /// Appends in place and hands over a piece whenever one is full.
    private struct Writer {
        let piece: Int
        let emit: ([UInt8]) throws -> Void
        var bytes: [UInt8] = []

        init(piece: Int, emit: @escaping ([UInt8]) throws -> Void) {
            self.piece = piece
            self.emit = emit
            bytes.reserveCapacity(2 * piece)
        }

        mutating func append(_ raw: UnsafeRawBufferPointer) throws {
            bytes.append(contentsOf: raw)
            while bytes.count >= piece {
                try emit(Array(bytes[..<piece]))
                bytes.removeFirst(piece)
            }
        }

        mutating func append(_ word: UInt64) throws { try withUnsafeBytes(of: word.littleEndian) { try append($0) } }

        mutating func append(_ number: Int) throws { try append(UInt64(number)) }

        mutating func append(_ text: String) throws {
            var text = text
            try append(text.utf8.count)
            try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
        }

        mutating func append(_ value: Bytes32) throws { try value.withUnsafeBytes { try append($0) } }

        mutating func finish() throws {
            guard !bytes.isEmpty else { return }
            try emit(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Reads what `Writer` wrote, nil past the end.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, count <= remaining else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func word() -> UInt64? {
            take(8).map { $0.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } }
        }

        /// A count of things that follow, or an index: at most the bytes' count, so no count makes a reader reserve more.
        mutating func number() -> Int? { word().flatMap { $0 <= UInt64(bytes.count) ? Int($0) : nil } }

        /// A count of submissions, which need not follow.
        mutating func total() -> Int? { word().flatMap { Int(exactly: $0) } }

        mutating func text() -> String? {
            guard let count = number(), let utf8 = take(count) else { return nil }
            return String(validating: utf8, as: UTF8.self)
        }

        mutating func bytes32() -> Bytes32? { take(32).map { $0.withUnsafeBytes { Bytes32(unsafeBytes: $0) } } }
    }
}
