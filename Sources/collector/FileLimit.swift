import Foundation

/// The process's limit on open files, which bounds its connections: Debian's default soft limit of 1 024 would
/// refuse sockets long before `--max-connections`.
enum FileLimit {
    /// Raises the soft limit towards what `connections` need (a few dozen more for the database, the site's files
    /// and logs), as far as the hard limit allows; returns the connections it leaves room for, nil if unknown.
    static func raise(toHold connections: Int) -> Int? {
        let spare = 64
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        let wanted = rlim_t(connections + spare)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = min(wanted, limit.rlim_max)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) != 0 { _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        }
        return max(0, Int(limit.rlim_cur) - spare)
    }
}
