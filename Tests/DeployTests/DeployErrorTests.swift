import Addressing
import Foundation
import ProgramRunner
import Testing
@testable import Deploy

@Suite("Deploy errors and spec networks")
struct DeployErrorTests {
    @Test("a spec CIDR is IPv4 with a prefix of 8–30; host bits are cleared")
    func specCIDR() throws {
        for bad in ["10.9.0.0/33", "10.9.0.0/31", "10.9.0.0/7", "10.9.0.0", "fd00::/64", "10.9.0.256/24", "lab"] {
            #expect(throws: DeployError.invalidSpec("\(bad) is not an IPv4 CIDR like 172.30.99.0/24 (prefix 8–30)")) {
                try ClusterSpec.parse(yaml: "underlay: {cidr: '\(bad)'}")
            }
        }
        let spec = try ClusterSpec.parse(yaml: "underlay: {cidr: 10.9.0.77/24}\nexternal: {cidr: 198.51.100.0/25}")
        #expect(spec.underlay.description == "10.9.0.0/24")
        #expect(spec.underlay.host(10) == "10.9.0.10")
        #expect(spec.external.router == "198.51.100.254", "the default router is host 254, even outside a /25")
        #expect(throws: DeployError.self) { try spec.resolved() }
        #expect(spec.underlay.hasHost("10.9.0.1") && spec.underlay.hasHost("10.9.0.254"))
        #expect(!spec.underlay.hasHost("10.9.0.0") && !spec.underlay.hasHost("10.9.0.255") && !spec.underlay.hasHost("10.9.1.1"))
        let again = try ClusterSpec.parse(yaml: try spec.yaml())
        #expect(again == spec, "the spec round-trips through YAML with its networks as CIDR text")
    }

    @Test("a failed program becomes programFailed with its status and output; a missing one names its package")
    func programFailures() throws {
        #expect(throws: DeployError.programFailed(command: "sh -c echo oops; exit 3", status: 3, output: "oops\n")) {
            try Host.run("sh", ["-c", "echo oops; exit 3"])
        }
        #expect(try Host.run("sh", ["-c", "echo fine"]) == "fine\n")
        let missing = DeployError(ProgramFailure(command: "ovn-northd --pidfile", status: 127, output: ""), package: "ovn-central")
        #expect(missing == .programMissing(program: "ovn-northd", package: "ovn-central"))
        #expect(missing.description == "ovn-northd is not installed\nfix: apt-get install -y ovn-central")
        #expect(throws: DeployError.programMissing(program: "no-such-program-xyz", package: "xyz")) {
            try Host.require("no-such-program-xyz", package: "xyz")
        }
        #expect(HostChecks.package(of: "ovn-controller") == "ovn-host")
    }

    @Test("each error says what to do")
    func descriptions() {
        #expect(DeployError.portBusy(detail: "127.0.0.1:5000 is in use", fix: "use another cluster name").description
            == "127.0.0.1:5000 is in use\nfix: use another cluster name")
        #expect(DeployError.notUp(clusterFile: "/x/cluster.json").description.contains("fix: run `ovnstack up`"))
        #expect(DeployError.alreadySupervised(pid: "42").description.hasPrefix("another supervisor (pid 42)"))
        #expect(DeployError.timedOut(what: "chassis", after: .seconds(30), lastError: "refused").description
            == "timed out after 30.0 seconds waiting for chassis (refused)")
    }
}
