/// Maps an opinion conversation the way Pol.is does: PCA of the mean-imputed vote matrix, participants gathered into
/// base clusters, and groups made of those by weighted k-means; then distinctive and consensus statements.
public enum OpinionMap {
    /// k-means runs from this seed, so the same votes always give the same groups.
    static let seed: UInt64 = 0x0915_C0DE
    static let statementsPerList = 5
    private static let groupRestarts = 10

    /// `votes` in arrival order; `moderatedOut`: statements a moderator rejected, whose votes count towards
    /// `minimumVotes` and nothing else; `updateEnds`: where each of Pol.is's updates ends in `votes` (nil: one update
    /// per vote), which decides who stays counted.
    public static func compute(votes: [OpinionVote], statements: [String], moderatedOut: [String] = [],
                               updateEnds: [Int]? = nil) throws -> OpinionResult {
        let matrix = try VoteMatrix(votes: votes, statements: statements, moderatedOut: moderatedOut, updateEnds: updateEnds)
        let components = PrincipalComponents(matrix: matrix)
        let assignments = groups(of: components.points)
        let groupRows = orderedGroups(assignments)
        let groups = groupRows.enumerated().map { id, rows in
            OpinionGroup(id: id, size: rows.count, members: rows.map { matrix.participants[$0] },
                         distinctive: groupRows.count > 1 ? distinctive(rows: rows, matrix: matrix) : [])
        }
        var groupOfRow = [Int](repeating: 0, count: matrix.rowCount)
        for (id, rows) in groupRows.enumerated() { for row in rows { groupOfRow[row] = id } }
        let points = components.points.enumerated().map { row, place in
            OpinionPoint(participant: matrix.participants[row], x: place[0], y: place[1], group: groupOfRow[row])
        }
        return OpinionResult(participants: matrix.rowCount, statements: matrix.columnCount, minimumVotes: matrix.minimumVotes,
                             explainedVariance: components.explainedVariance, groups: groups, points: points,
                             consensus: consensus(groupRows: groupRows, matrix: matrix))
    }

    /// Pol.is's rule: k from 2 to min(5, 2 + base clusters / 12), each a k-means of the base clusters' centres weighted
    /// by their sizes, and the k whose silhouette over the base clusters is best (the smaller k on a tie). One group
    /// when nothing splits.
    private static func groups(of points: [[Double]]) -> [Int] {
        let base = BaseClusters(points: points, seed: seed)
        let weights = base.sizes.map(Double.init)
        var best: (score: Double, assignments: [Int])?
        for k in 2...max(2, min(5, 2 + base.count / 12)) where k <= base.count {
            guard let clustering = KMeans.best(points: base.centres, weights: weights, k: k, restarts: groupRestarts, seed: seed) else { continue }
            let score = Silhouette.score(points: base.centres, assignments: clustering.assignments, k: k)
            if best == nil || score > best!.score + 1e-12 { best = (score, clustering.assignments) }
        }
        guard let best else { return [Int](repeating: 0, count: points.count) }
        return base.clusterOfPoint.map { best.assignments[$0] }
    }

    /// Rows per group, largest group first and, on equal sizes, the group holding the first participant by id.
    private static func orderedGroups(_ assignments: [Int]) -> [[Int]] {
        Dictionary(grouping: assignments.indices, by: { assignments[$0] }).values
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }

    /// Pol.is's representativeness: the group's probability of a stance times its ratio to everyone else's, kept only
    /// where most of the group takes that stance and more often than the others do.
    private static func distinctive(rows: [Int], matrix: VoteMatrix) -> [DistinctiveStatement] {
        let members = Set(rows)
        let others = (0..<matrix.rowCount).filter { !members.contains($0) }
        var found: [(score: Double, column: Int, statement: DistinctiveStatement)] = []
        for column in 0..<matrix.columnCount {
            let inside = StatementTally(matrix: matrix, rows: rows, column: column)
            let outside = StatementTally(matrix: matrix, rows: others, column: column)
            let candidates = [OpinionStance.agree, .disagree].compactMap { stance -> (Double, DistinctiveStatement)? in
                let probability = inside.probability(stance), ratio = probability / outside.probability(stance)
                guard probability > 0.5, ratio > 1 else { return nil }
                return (probability * ratio, DistinctiveStatement(statement: matrix.statements[column], stance: stance, probability: probability,
                                                                 ratio: ratio, agree: inside.agree, disagree: inside.disagree, seen: inside.seen))
            }
            if let best = candidates.max(by: { $0.0 < $1.0 }) { found.append((best.0, column, best.1)) }
        }
        return ranked(found).map(\.statement)
    }

    /// Group-informed consensus: a statement counts when a majority of every group takes the same stance, ranked by
    /// the product of the groups' probabilities so that no group, however small, is outvoted.
    private static func consensus(groupRows: [[Int]], matrix: VoteMatrix) -> [ConsensusStatement] {
        guard !groupRows.isEmpty else { return [] }
        var found: [(score: Double, column: Int, statement: ConsensusStatement)] = []
        for column in 0..<matrix.columnCount {
            let tallies = groupRows.map { StatementTally(matrix: matrix, rows: $0, column: column) }
            for stance in [OpinionStance.agree, .disagree] where tallies.allSatisfy({ $0.probability(stance) > 0.5 }) {
                let score = tallies.reduce(1) { $0 * $1.probability(stance) }
                found.append((score, column, ConsensusStatement(statement: matrix.statements[column], stance: stance, score: score)))
            }
        }
        return ranked(found).map(\.statement)
    }

    private static func ranked<T>(_ list: [(score: Double, column: Int, statement: T)]) -> [(score: Double, column: Int, statement: T)] {
        Array(list.sorted { $0.score != $1.score ? $0.score > $1.score : $0.column < $1.column }.prefix(statementsPerList))
    }
}
