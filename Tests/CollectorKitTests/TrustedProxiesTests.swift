@testable import CollectorKit
import XCTest

/// Who the client is behind the proxies an operator names.
final class TrustedProxiesTests: XCTestCase {
    func testTheClientIsTheRightmostUntrustedHopAndAnUntrustedPeerIsItsOwnClient() throws {
        let proxies = try TrustedProxies(["10.0.0.0/8", "192.168.1.7", "fd00::/8"])
        XCTAssertEqual(proxies.client(peer: "10.1.1.1", forwardedFor: ["203.0.113.9"]), "203.0.113.9")
        XCTAssertEqual(proxies.client(peer: "10.1.1.1", forwardedFor: ["1.2.3.4, 203.0.113.9", "192.168.1.7"]), "203.0.113.9")
        XCTAssertEqual(proxies.client(peer: "198.51.100.1", forwardedFor: ["203.0.113.9"]), "198.51.100.1", "not a proxy")
        XCTAssertEqual(proxies.client(peer: "10.1.1.1", forwardedFor: []), "10.1.1.1", "a proxy's own request")
        XCTAssertEqual(proxies.client(peer: "10.1.1.1", forwardedFor: ["10.2.2.2"]), "10.2.2.2", "every hop trusted: the leftmost")
        XCTAssertEqual(proxies.client(peer: "10.1.1.1", forwardedFor: ["203.0.113.9, not-an-address"]), "10.1.1.1",
                       "garbage is the client's own text: trust stops at the proxy")
        XCTAssertEqual(proxies.client(peer: "fd12::1", forwardedFor: ["2001:DB8::7"]), "2001:db8::7")
        XCTAssertEqual(proxies.client(peer: "::ffff:10.0.0.1", forwardedFor: ["203.0.113.9"]), "203.0.113.9", "IPv4 mapped into IPv6")
        XCTAssertEqual(proxies.client(peer: "10.0.0.1", forwardedFor: ["::ffff:203.0.113.9"]), "203.0.113.9")
        XCTAssertEqual(TrustedProxies.none.client(peer: "10.1.1.1", forwardedFor: ["203.0.113.9"]), "10.1.1.1")
    }

    func testNetworksMatchByTheirPrefixAndBadEntriesAreNamed() throws {
        let proxies = try TrustedProxies(["172.16.0.0/12", "2001:db8::/33"])
        XCTAssertEqual(proxies.client(peer: "172.31.255.255", forwardedFor: ["1.1.1.1"]), "1.1.1.1")
        XCTAssertEqual(proxies.client(peer: "172.32.0.0", forwardedFor: ["1.1.1.1"]), "172.32.0.0")
        XCTAssertEqual(proxies.client(peer: "2001:db8:7fff::1", forwardedFor: ["1.1.1.1"]), "1.1.1.1")
        XCTAssertEqual(proxies.client(peer: "2001:db8:8000::1", forwardedFor: ["1.1.1.1"]), "2001:db8:8000::1")
        for bad in ["10.0.0.0/33", "10.0.0/8", "example.org", "::1/129", "10.0.0.0/-1", "10.0.0.0/8/8", ""] {
            XCTAssertThrowsError(try TrustedProxies([bad]), bad) { XCTAssertEqual($0 as? TrustedProxies.BadEntry, TrustedProxies.BadEntry(text: bad)) }
        }
    }
}
