import Foundation
import Hummingbird

/// Answers a GET with a file of the built site: `index.html` for folders, the site's `404.html` otherwise.
struct StaticFileResponder: Sendable {
    let root: String

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "svg": "image/svg+xml", "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif", "ico": "image/x-icon",
        "txt": "text/plain; charset=utf-8", "pdf": "application/pdf", "ics": "text/calendar; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "woff2": "font/woff2", "wasm": "application/wasm", "pf_meta": "application/octet-stream",
    ]

    /// The file a URL path names inside the site, or nil; paths climbing out with `..` name nothing.
    func file(for urlPath: String) -> String? {
        guard let decoded = urlPath.removingPercentEncoding, !decoded.split(separator: "/").contains("..") else { return nil }
        var path = root + decoded
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else { return nil }
            path += "index.html"
            guard FileManager.default.fileExists(atPath: path) else { return nil }
        }
        return path
    }

    func respond(to urlPath: String) -> Response {
        if let path = file(for: urlPath), let data = FileManager.default.contents(atPath: path) {
            let type = Self.contentTypes[String(path.split(separator: ".").last ?? "")] ?? "application/octet-stream"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        if let directory = file(for: urlPath + "/"), directory.hasSuffix("index.html") {
            return Response(status: .movedPermanently, headers: [.location: urlPath + "/"])
        }
        let page = FileManager.default.contents(atPath: root + "/404.html") ?? Data("Not found".utf8)
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: page)))
    }
}
