@testable import CovizoneServer
import Testing

@Suite("Client addresses behind proxies")
struct ClientAddressTests {
    @Test("networks are read in both families, and contain what they should")
    func networks() throws {
        let private10 = try #require(IPNetwork("10.0.0.0/8"))
        #expect(private10.contains("10.1.2.3") && !private10.contains("11.0.0.1") && !private10.contains("::ffff:10.1.2.3"))
        let host = try #require(IPNetwork("192.0.2.7"))
        #expect(host.contains("192.0.2.7") && !host.contains("192.0.2.8"))
        let v6 = try #require(IPNetwork("2001:db8::/32"))
        #expect(v6.contains("2001:db8:ffff::1") && !v6.contains("2001:db9::1") && !v6.contains("10.0.0.1"))
        #expect(IPNetwork("0.0.0.0/0")?.contains("203.0.113.9") == true)
        for bad in ["10.0.0.0/33", "not-an-address", "10.0.0/8", "::1/129", ""] { #expect(IPNetwork(bad) == nil, "\(bad)") }
        #expect(IPNetwork.list("10.0.0.0/8, ::1")?.count == 2)
        #expect(IPNetwork.list("10.0.0.0/8,nope") == nil)
    }

    @Test("X-Forwarded-For names the client only when a trusted proxy sends it")
    func forwardedFor() {
        let middleware = ClientAddressMiddleware(trustedProxies: [IPNetwork("10.0.0.0/8")!])
        #expect(middleware.clientAddress(peer: "203.0.113.5", forwardedFor: ["198.51.100.1"]) == "203.0.113.5", "an untrusted peer cannot choose its address")
        #expect(middleware.clientAddress(peer: "10.0.0.2", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(
            middleware.clientAddress(peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.1, 10.0.0.9"]) == "198.51.100.1",
            "the right-most hop that is not a proxy: what the client wrote before it is not believed"
        )
        #expect(middleware.clientAddress(peer: "10.0.0.2", forwardedFor: ["198.51.100.1", "10.0.0.3"]) == "198.51.100.1", "several header lines")
        #expect(middleware.clientAddress(peer: "10.0.0.2", forwardedFor: ["junk"]) == "10.0.0.2", "a hop that is no address is not believed")
        #expect(middleware.clientAddress(peer: "10.0.0.2", forwardedFor: []) == "10.0.0.2")
    }

    @Test("a metrics address is HOST:PORT, IPv6 hosts in brackets")
    func listenAddresses() {
        #expect(ServerConfiguration.ListenAddress("127.0.0.1:9090") == ServerConfiguration.ListenAddress(host: "127.0.0.1", port: 9090))
        #expect(ServerConfiguration.ListenAddress("[::1]:9090") == ServerConfiguration.ListenAddress(host: "::1", port: 9090))
        for bad in ["9090", ":9090", "host:", "host:70000", "a b:1"] { #expect(ServerConfiguration.ListenAddress(bad) == nil, "\(bad)") }
    }

    @Test("per-address budgets refill over the minute and are kept apart by kind and address")
    func budgets() {
        let limiter = AddressRateLimiter()
        #expect((0..<3).allSatisfy { _ in limiter.allows("checkins", from: "a", perMinute: 3, now: 100) })
        #expect(!limiter.allows("checkins", from: "a", perMinute: 3, now: 100))
        #expect(limiter.allows("checkins", from: "b", perMinute: 3, now: 100) && limiter.allows("exposure", from: "a", perMinute: 3, now: 100))
        #expect(!limiter.allows("checkins", from: "a", perMinute: 3, now: 110), "10 s refill half a request")
        #expect(limiter.allows("checkins", from: "a", perMinute: 3, now: 121), "20 s: one more")
    }
}
