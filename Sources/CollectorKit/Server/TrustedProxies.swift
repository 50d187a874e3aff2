import Foundation

/// The proxies in front of the collector (`--trusted-proxy`), and who the client is behind them.
///
/// A request from a trusted proxy names its client in `X-Forwarded-For`, each proxy appending the address it was
/// reached from. Only the hops that trusted proxies appended can be believed: the client is the rightmost address
/// that is not a trusted proxy. Anything to its left was written by the client itself, so a forged header moves
/// nothing. A request from any other peer is its own client, whatever it says.
public struct TrustedProxies: Sendable {
    private let networks: [Network]

    /// An entry that is neither an address nor a network in CIDR form.
    public struct BadEntry: Error, Equatable {
        public let text: String
    }

    /// `cidrs`: `10.0.0.0/8`, `192.168.1.7`, `::1/128`, `fd00::/8`; an address alone is one host.
    public init(_ cidrs: [String]) throws(BadEntry) {
        var networks: [Network] = []
        for text in cidrs {
            guard let network = Network(text) else { throw BadEntry(text: text) }
            networks.append(network)
        }
        self.networks = networks
    }

    /// No proxy: every peer is its own client.
    public static let none = TrustedProxies(networks: [])

    private init(networks: [Network]) { self.networks = networks }

    /// The client's address: `peer` itself, or behind trusted proxies the rightmost untrusted hop of
    /// `forwardedFor` (every `X-Forwarded-For` value, in the order the headers came).
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        // Without proxies nothing is parsed: this runs for every request.
        guard let peer, !networks.isEmpty, trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            // A hop that is not an address is the client's own text: the last proxy's peer is as far as trust goes.
            guard let address = Address(hop) else { return client }
            client = address.text
            if !trusts(address) { return client }
        }
        return client
    }

    private func trusts(_ text: String) -> Bool { Address(text).map(trusts) ?? false }

    private func trusts(_ address: Address) -> Bool { networks.contains { $0.contains(address) } }

    /// An IPv4 or IPv6 address as bytes; an IPv4 address mapped into IPv6 is read as IPv4.
    private struct Address {
        let bytes: [UInt8]
        let text: String

        init?(_ text: String) {
            var v4 = in_addr()
            var v6 = in6_addr()
            if inet_pton(AF_INET, text, &v4) == 1 {
                bytes = withUnsafeBytes(of: &v4) { Array($0) }
            } else if inet_pton(AF_INET6, text, &v6) == 1 {
                let all = withUnsafeBytes(of: &v6) { Array($0) }
                bytes = all.prefix(12).elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) ? Array(all.suffix(4)) : all
            } else {
                return nil
            }
            self.text = bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : text.lowercased()
        }
    }

    private struct Network {
        let prefix: [UInt8]
        let bits: Int

        init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let address = Address(String(parts[0])) else { return nil }
            let width = address.bytes.count * 8
            if parts.count == 2 {
                guard let bits = Int(parts[1]), (0...width).contains(bits), parts[1].allSatisfy(\.isASCII) else { return nil }
                self.bits = bits
            } else {
                bits = width
            }
            prefix = address.bytes
        }

        func contains(_ address: Address) -> Bool {
            guard address.bytes.count == prefix.count else { return false }
            var left = bits
            for (a, b) in zip(address.bytes, prefix) where left > 0 {
                let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
                guard a & mask == b & mask else { return false }
                left -= 8
            }
            return true
        }
    }
}
