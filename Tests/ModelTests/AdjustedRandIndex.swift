/// The adjusted Rand index of two labellings of the same items: 1 when they agree, about 0 when they agree only by
/// chance, as in scikit-learn's `adjusted_rand_score`.
enum AdjustedRandIndex {
    static func of<A: Hashable, B: Hashable>(_ first: [A], _ second: [B]) -> Double {
        precondition(first.count == second.count, "both labellings must cover the same items")
        func pairs(_ count: Int) -> Double { Double(count) * Double(count - 1) / 2 }
        var cells: [Pair<A, B>: Int] = [:], rows: [A: Int] = [:], columns: [B: Int] = [:]
        for (a, b) in zip(first, second) {
            cells[Pair(a: a, b: b), default: 0] += 1
            rows[a, default: 0] += 1
            columns[b, default: 0] += 1
        }
        let index = cells.values.reduce(0) { $0 + pairs($1) }
        let rowPairs = rows.values.reduce(0) { $0 + pairs($1) }, columnPairs = columns.values.reduce(0) { $0 + pairs($1) }
        let expected = first.count < 2 ? 0 : rowPairs * columnPairs / pairs(first.count)
        let maximum = (rowPairs + columnPairs) / 2
        // Both labellings one cluster, or both all singletons: scikit-learn calls that perfect agreement.
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }

    private struct Pair<A: Hashable, B: Hashable>: Hashable {
        let a: A
        let b: B
    }
}
