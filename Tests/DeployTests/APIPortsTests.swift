import Deploy
import Foundation
import Testing

@Suite("API ports")
struct APIPortsTests {
    @Test("the default cluster uses 5000/9696/8774/9292; another picks four distinct free loopback ports, kept across ups")
    func choose() throws {
        #expect(try APIPorts.choose(cluster: "ovnstack") == .standard)
        let picked = try APIPorts.choose(cluster: "t000001")
        let ports = [picked.identity, picked.network, picked.compute, picked.image]
        #expect(Set(ports).count == 4 && ports.allSatisfy(LoopbackPort.isFree))
        var state = ClusterState(spec: try ClusterSpec.standard(name: "t000001").resolved(), runtime: .process)
        state.apiPorts = picked
        #expect(ClusterState(spec: state.spec, runtime: .process, previous: state).apiPorts == picked)
    }

    @Test("a port held by another process fails preflight, naming the fix")
    func busyPort() throws {
        let listener = try #require(LoopbackPortHolder())
        var state = ClusterState(spec: try ClusterSpec.standard(name: "t000002").resolved(), runtime: .process)
        state.apiPorts = APIPorts(identity: listener.port, network: 1, compute: 2, image: 3, metadata: 4)
        let result = try #require(PreflightChecks.busyPort(state, layout: StateLayout(root: "/tmp/ovnstack-none-t000002")))
        #expect(result.outcome == .fail)
        #expect(result.detail.contains("127.0.0.1:\(listener.port)"))
        #expect(result.fix?.contains("another cluster name") == true)
        listener.close()
        #expect(PreflightChecks.busyPort(state, layout: StateLayout(root: "/tmp/ovnstack-none-t000002")) == nil)
    }
}

/// A listening socket on a free 127.0.0.1 port, held until `close`.
private struct LoopbackPortHolder {
    let fd: Int32
    let port: Int

    init?() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { Glibc.close(fd); return nil }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}
