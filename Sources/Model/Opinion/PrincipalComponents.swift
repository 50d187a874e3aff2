/// The first two principal components of a vote matrix and each participant's place on them.
public struct PrincipalComponents: Equatable, Sendable {
    /// Unit loadings per statement, one array per component; all zeros when the votes leave no variance to explain.
    public let axes: [[Double]]
    /// Share of the total variance each component explains, in [0, 1].
    public let explainedVariance: [Double]
    /// Per participant, in the matrix's row order, the coordinates on the two components.
    public let points: [[Double]]

    private static let maximumIterations = 2000
    private static let tolerance = 1e-12

    /// Power iteration on the covariance, which is never formed: each step multiplies by the centred matrix and its
    /// transpose, O(participants × statements), so large conversations stay in memory.
    ///
    /// As in Pol.is, an unseen vote is imputed with the statement's mean over those who saw it, which once centred is
    /// 0: a participant who saw few statements is neither pulled towards the disagreeing side of popular ones (as a
    /// 0 fill would) nor given an opinion they never gave.
    public init(matrix: VoteMatrix) {
        let rows = matrix.rowCount, columns = matrix.columnCount
        var centred = [Double](repeating: 0, count: rows * columns)
        for column in 0..<columns {
            var sum = 0.0, count = 0
            for row in 0..<rows where matrix.hasSeen(row: row, column: column) {
                sum += matrix[row, column]
                count += 1
            }
            let mean = count == 0 ? 0 : sum / Double(count)
            for row in 0..<rows where matrix.hasSeen(row: row, column: column) { centred[row * columns + column] = matrix[row, column] - mean }
        }
        let totalVariance = rows == 0 ? 0 : centred.reduce(0) { $0 + $1 * $1 } / Double(rows)
        var generator = SeededGenerator(seed: 0x5EED_0F_0915)
        var axes: [[Double]] = []
        var variances: [Double] = []
        for _ in 0..<2 {
            let (axis, variance) = Self.leadingAxis(centred, rows: rows, columns: columns, orthogonalTo: axes, generator: &generator)
            axes.append(axis)
            variances.append(variance)
        }
        self.axes = axes
        self.explainedVariance = variances.map { totalVariance > Self.tolerance ? min(1, max(0, $0 / totalVariance)) : 0 }
        self.points = (0..<rows).map { row in
            // Pol.is's sqrt(statements / seen): someone who saw few statements would otherwise sit near the centre
            // only for lack of votes. Moderated-out statements count on both sides, as Pol.is's zeroed columns do.
            let seenCount = (0..<columns).filter { matrix.hasSeen(row: row, column: $0) }.count + matrix.reactedModeratedOut
            let scale = seenCount == 0 ? 0 : (Double(matrix.reactedStatements) / Double(seenCount)).squareRoot()
            return axes.map { axis in
                var sum = 0.0
                for column in 0..<columns { sum += centred[row * columns + column] * axis[column] }
                return sum * scale
            }
        }
    }

    private static func leadingAxis(_ centred: [Double], rows: Int, columns: Int, orthogonalTo previous: [[Double]],
                                    generator: inout SeededGenerator) -> (axis: [Double], variance: Double) {
        let zero = [Double](repeating: 0, count: columns)
        guard rows > 0, columns > 0 else { return (zero, 0) }
        var vector = (0..<columns).map { _ in generator.nextUnit() * 2 - 1 }
        guard var current = normalised(orthogonalised(vector, against: previous)) else { return (zero, 0) }
        var variance = 0.0
        for _ in 0..<maximumIterations {
            vector = orthogonalised(covarianceTimes(current, centred, rows: rows, columns: columns), against: previous)
            variance = dot(vector, current)
            guard let next = normalised(vector), variance > tolerance else { return (zero, 0) }
            let change = zip(next, current).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            current = next
            if change < tolerance { break }
        }
        return (withSignConvention(current), variance)
    }

    private static func covarianceTimes(_ vector: [Double], _ centred: [Double], rows: Int, columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: columns)
        for row in 0..<rows {
            var projection = 0.0
            for column in 0..<columns { projection += centred[row * columns + column] * vector[column] }
            for column in 0..<columns { result[column] += centred[row * columns + column] * projection }
        }
        return result.map { $0 / Double(rows) }
    }

    private static func orthogonalised(_ vector: [Double], against axes: [[Double]]) -> [Double] {
        axes.reduce(vector) { vector, axis in
            let overlap = dot(vector, axis)
            return zip(vector, axis).map { $0 - overlap * $1 }
        }
    }

    private static func normalised(_ vector: [Double]) -> [Double]? {
        let norm = dot(vector, vector).squareRoot()
        return norm > 1e-9 ? vector.map { $0 / norm } : nil
    }

    /// An axis and its negation are the same component; the largest loading (the first, among near-equal ones) is made
    /// positive so that the plot does not flip between runs or platforms.
    private static func withSignConvention(_ axis: [Double]) -> [Double] {
        let largest = axis.map(abs).max() ?? 0
        guard let leading = axis.first(where: { abs($0) >= largest - 1e-9 }), leading < 0 else { return axis }
        return axis.map { -$0 }
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
