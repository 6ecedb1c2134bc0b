import OVSDB
import Testing

@Suite struct EndpointTests {
    @Test func parsesOVSConnectionStrings() throws {
        #expect(try Endpoint("unix:/run/ovn/ovnnb_db.sock") == .unix(path: "/run/ovn/ovnnb_db.sock"))
        #expect(try Endpoint("tcp:172.30.99.10:6641") == .tcp(host: "172.30.99.10", port: 6641))
        #expect(try Endpoint("tcp:[::1]:6641") == .tcp(host: "::1", port: 6641))
        #expect(try Endpoint.list("tcp:10.0.0.1:6641, tcp:10.0.0.2:6641").count == 2)
        #expect(Endpoint.tcp(host: "::1", port: 6641).description == "tcp:[::1]:6641")
    }

    @Test(arguments: ["ssl:1.2.3.4:6641", "tcp:1.2.3.4", "tcp:host:port", "6641"])
    func rejectsOthers(_ text: String) {
        #expect(throws: OVSDBError.self) { try Endpoint(text) }
    }
}
