import Foundation

/// HTTP/1.1 on a plain socket, for what a test client hides: pipelined requests written at once, a request cut
/// short, one connection kept across many requests.
enum RawHTTP {
    struct Answer {
        let status: Int
        /// By lowercased name; a repeated field keeps its last value.
        let headers: [String: String]
        let body: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `request` on a new connection and reads `answers` answers (each with a Content-Length); with
    /// `untilClosed`, then waits for the server to close the connection.
    static func exchange(port: Int, request: String, answers count: Int, untilClosed: Bool = false) throws -> [Answer] {
        let connection = try Connection(port: port)
        try connection.send(request)
        return try connection.read(count, untilClosed: untilClosed)
    }

    /// One client connection to 127.0.0.1.
    final class Connection {
        private let socket: Int32
        private var received: [UInt8] = []

        init(port: Int, timeoutSeconds: Int = 10) throws {
            socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw Failure(description: "socket() failed") }
            var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(socket)
                throw Failure(description: "cannot connect to port \(port)")
            }
        }

        deinit { close(socket) }

        func send(_ request: String) throws {
            try send(bytes: Array(request.utf8))
        }

        /// Without SIGPIPE: a server that has closed the connection makes this throw, not kill the tests.
        func send(bytes: [UInt8]) throws {
            guard bytes.withUnsafeBytes({ Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
                throw Failure(description: "short send")
            }
        }

        /// Whether the server closes the connection (or resets it) within `seconds`, reading and dropping what it sends.
        func closes(within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            var chunk = [UInt8](repeating: 0, count: 65_536)
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            while Date() < deadline {
                let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if read == 0 || (read < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return true }
            }
            return false
        }

        /// Reads `count` answers; with `untilClosed`, then waits for the server to close the connection.
        func read(_ count: Int, untilClosed: Bool = false) throws -> [Answer] {
            var answers: [Answer] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                while answers.count < count || untilClosed, let (answer, used) = RawHTTP.parse(received) {
                    answers.append(answer)
                    received.removeFirst(used)
                }
                if answers.count >= count && !untilClosed { return answers }
                let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if read == 0 {
                    guard answers.count >= count else { throw Failure(description: "closed after \(answers.count) of \(count) answers") }
                    return answers
                }
                guard read > 0 else { throw Failure(description: "timed out after \(answers.count) of \(count) answers") }
                received += chunk[0..<read]
            }
        }
    }

    /// The first whole answer in `bytes` and how many bytes it took, or nil if it has not all arrived.
    private static func parse(_ bytes: [UInt8]) -> (Answer, Int)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let total = end + 4 + (headers["content-length"].flatMap { Int($0) } ?? 0)
        guard bytes.count >= total else { return nil }
        return (Answer(status: status, headers: headers, body: String(decoding: bytes[(end + 4)..<total], as: UTF8.self)), total)
    }
}
