import Foundation

extension Array where Element: Sendable {
    /// The elements sorted, a run per core and the runs merged: `verify` sorts a million ballots by participant and by
    /// receipt after the last signature, when a sort on one core left the other idle. `areInIncreasingOrder` must be
    /// a strict total order (as every caller's is, receipts settling ties), so the result is the one `sorted` gives.
    @inlinable
    public func sortedOnEveryCore(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / 65_536)
        guard parts > 1 else { return sorted(by: areInIncreasingOrder) }
        var runs = [[Element]](repeating: [], count: parts)
        runs.withUnsafeMutableBufferPointer { buffer in
            let output = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                output[part] = self[(count * part / parts)..<(count * (part + 1) / parts)].sorted(by: areInIncreasingOrder)
            }
        }
        while runs.count > 1 {
            var merged = [[Element]](repeating: [], count: (runs.count + 1) / 2)
            merged.withUnsafeMutableBufferPointer { buffer in
                let output = buffer
                DispatchQueue.concurrentPerform(iterations: output.count) { pair in
                    output[pair] = 2 * pair + 1 < runs.count
                        ? Self.merge(runs[2 * pair], runs[2 * pair + 1], by: areInIncreasingOrder) : runs[2 * pair]
                }
            }
            runs = merged
        }
        return runs[0]
    }

    @inlinable
    static func merge(_ a: [Element], _ b: [Element], by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count, j < b.count {
            if areInIncreasingOrder(b[j], a[i]) {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
            }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }
}
