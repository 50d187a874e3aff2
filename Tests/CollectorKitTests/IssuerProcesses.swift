import Foundation
import XCTest

/// A free TCP port on 127.0.0.1 at the time of asking: for servers whose own address must be known before they
/// start (the issuer's callback is under its public URL; the provider's issuer is its own address).
func freeLoopbackPort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    guard bound else { throw RawHTTP.Failure(description: "no free loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A real OpenID Connect provider (PyPI's oidc-provider-mock, which `scripts/install-deps.sh --test` puts in the
/// venv) on a loopback port: discovery, JWKS, an authorization form, a token endpoint, and `PUT /users/<sub>` to
/// set a subject's claims.
final class OIDCProviderMock {
    let process = Process()
    let port: Int

    static let executable = CommandLineRun.repository.appendingPathComponent(".venv/bin/oidc-provider-mock")

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw RawHTTP.Failure(description: "\(Self.executable.path) is missing: run bash scripts/install-deps.sh --test")
        }
        port = try freeLoopbackPort()
        process.executableURL = Self.executable
        process.arguments = ["--host", "127.0.0.1", "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? HTTPClient.request("GET", discovery))?.status == 200 { return }
            usleep(100_000)
        }
        stop()
        throw RawHTTP.Failure(description: "oidc-provider-mock did not answer on port \(port) within 30 seconds")
    }

    var origin: String { "http://127.0.0.1:\(port)" }
    var discovery: String { origin + "/.well-known/openid-configuration" }

    /// Gives the subject `sub` these claims (JSON), which its ID tokens then carry.
    func setClaims(_ claims: [String: String], subject: String) throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: claims), as: UTF8.self)
        let answer = try HTTPClient.request("PUT", origin + "/users/" + subject, body: body, contentType: "application/json")
        guard answer.status == 204 else { throw RawHTTP.Failure(description: "PUT /users/\(subject): \(answer.status) \(answer.body)") }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// A real `collector issuer serve` child process, its log kept in a file to read.
final class IssuerProcess {
    let process = Process()
    let port: Int
    let log: URL

    init(arguments: [String], folder: URL) throws {
        port = try freeLoopbackPort()
        log = folder.appendingPathComponent("issuer-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = Pipe()
        process.executableURL = CollectorProcess.executable
        process.arguments = ["issuer", "serve", "--host", "127.0.0.1", "--port", String(port), "--public-url", "http://127.0.0.1:\(port)"] + arguments
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let handle = output.fileHandleForReading
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if text.contains("issuer listening on http://127.0.0.1:\(port)") { return }
        }
        stop()
        throw RawHTTP.Failure(description: "the issuer did not start: \(text) \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    var origin: String { "http://127.0.0.1:\(port)" }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// HTTP/1.1 to loopback servers as a browser without cookies or redirects sends it: one request per connection.
enum HTTPClient {
    static func request(_ method: String, _ url: String, body: String = "", contentType: String? = nil,
                        headers: [(String, String)] = []) throws -> RawHTTP.Answer {
        guard let components = URLComponents(string: url), components.host == "127.0.0.1", let port = components.port else {
            throw RawHTTP.Failure(description: "not a loopback URL: \(url)")
        }
        let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let contentType { request += "Content-Type: \(contentType)\r\n" }
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { request += "Content-Length: \(body.utf8.count)\r\n" }
        return try RawHTTP.exchange(port: port, request: request + "\r\n" + body, answers: 1)[0]
    }
}
