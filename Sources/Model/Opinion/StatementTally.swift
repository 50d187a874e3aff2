/// Reactions to one statement within a set of participants, with the small-sample estimates used to compare sets.
struct StatementTally {
    var agree = 0
    var disagree = 0
    var seen = 0

    init(matrix: VoteMatrix, rows: [Int], column: Int) {
        for row in rows where matrix.hasSeen(row: row, column: column) {
            seen += 1
            let value = matrix[row, column]
            if value > 0 { agree += 1 } else if value < 0 { disagree += 1 }
        }
    }

    /// (count + 1) / (seen + 2): a statement seen by two people of a group says little, and this keeps it near 1/2.
    func probability(_ stance: OpinionStance) -> Double {
        let count = stance == .agree ? agree : disagree
        return Double(count + 1) / Double(seen + 2)
    }
}
