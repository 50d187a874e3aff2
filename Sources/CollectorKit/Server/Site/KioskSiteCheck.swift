import Foundation

/// What `collector serve --site` checks before it makes or opens any file: the site is a folder, and neither the
/// database (with the `-wal`, `-shm` and `-journal` files SQLite keeps beside it) nor a key file is inside it,
/// where the kiosk would hand them to anyone who asks.
public enum KioskSiteCheck {
    public static func check(site: String, database: String, addressKey: String, logKey: String) throws(KioskSiteError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isFolder), isFolder.boolValue, let root = SiteFolder.realPath(site) else {
            throw KioskSiteError("--site \(site): not a folder; build the site into it first (sitegen build --output \(site)), or name the folder it was built into")
        }
        if ["", "-wal", "-shm", "-journal"].contains(where: { lies(database + $0, inside: root) }) {
            throw KioskSiteError("--db \(database) is inside --site \(site), which the kiosk serves to anyone: the participants' ballots, names "
                               + "and emails (in the database and its -wal and -shm files) could be downloaded; keep the database outside the "
                               + "site folder, e.g. --db .data/collector.sqlite")
        }
        if lies(addressKey, inside: root) {
            throw KioskSiteError("--address-key \(addressKey) is inside --site \(site), which the kiosk serves to anyone: with the key, the "
                               + "stored hashes give the participants' addresses back; keep it outside the site folder (name another file "
                               + "with --address-key, or keep the database and its key elsewhere with --db)")
        }
        if lies(logKey, inside: root) {
            throw KioskSiteError("--log-key \(logKey) is inside --site \(site), which the kiosk serves to anyone: with the key, anyone could sign "
                               + "tree heads in this collector's name; keep it outside the site folder (name another file with --log-key, or "
                               + "keep the database and its keys elsewhere with --db)")
        }
    }

    /// Whether `path`, or where it leads once it exists, is `root` or inside it. A file not made yet is placed by its
    /// folder's real path; a link is followed, so neither a link to the site nor one from it hides a file.
    private static func lies(_ path: String, inside root: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        let placed = SiteFolder.realPath(url.deletingLastPathComponent().path).map { $0 + "/" + url.lastPathComponent }
        return [placed, SiteFolder.realPath(path)].contains { $0.map { SiteFolder.isWithin($0, root: root) } ?? false }
    }
}

/// Why `collector serve` will not serve `--site`: the flag at fault, what would leak, and what to do.
public struct KioskSiteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
