import Deploy
import Foundation
import ProgramRunner
import Testing

extension ClusterLifecycleTests {
    @Test("DNS with real packets: with dns_domain example.org. in the spec, ovn-controller answers a guest's query for another port's dns_name from the network's DNS row, forward and reverse")
    func nativeDNSAnswersPortNames() async throws {
        try await TestCluster.with { cluster in
            let specFile = "\(cluster.stateDir)-spec.yaml"
            defer { try? FileManager.default.removeItem(atPath: specFile) }
            try "dns_domain: example.org.\n".write(toFile: specFile, atomically: true, encoding: .utf8)
            #expect(try cluster.up(["-f", specFile]).contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let net = try await l3.network("t-dns-net", cidr: "10.64.0.0/24")
            let a = try await l3.vm("a", node: "c1", network: net)
            let b = try await l3.vm("b", node: "c2", network: net)
            // b gets a name, which with a configured domain is what its address goes by.
            let named = try await l3.neutron.update("port", b.portID, ["dns_name": "web"])
            let assignment = (named["dns_assignment"] as? [[String: Any]])?.first
            let host = "web"
            #expect(assignment?["hostname"] as? String == host && assignment?["fqdn"] as? String == "web.example.org.", "\(named)")
            for vm in [a, b] {
                try await l3.lease(vm)
            }
            let records = try cluster.nbctl(["--data=bare", "--no-headings", "--columns=records", "find", "DNS", "external_ids:ls_name=neutron-\(net.network)"])
            #expect(records.contains("\(host)=\"\(b.vm.ip)\"") || records.contains("\(host)=\(b.vm.ip)"), "the NB DNS row: \(records)")
            // The query goes to b's address (any server address will do: ovn-controller answers it on a's switch).
            var answer = ""
            #expect(try await cluster.eventually(15) {
                answer = (try? a.vm.exec("busybox", ["nslookup", "web.example.org", b.vm.ip])) ?? ""
                return answer.contains("Address: \(b.vm.ip)") || answer.contains("Address 1: \(b.vm.ip)")
            }, "a asked for web.example.org and got: \(answer)")
            let reverse = (try? a.vm.exec("busybox", ["nslookup", b.vm.ip, b.vm.ip])) ?? ""
            #expect(reverse.contains("web.example.org"), "reverse lookup of \(b.vm.ip): \(reverse)")
            let unknown = Program.probe("ip", ["netns", "exec", a.vm.netns, "busybox", "nslookup", "nobody.example.org", b.vm.ip])
            #expect(!unknown.output.contains("Address: 10.64."), "a name nobody has: \(unknown.output)")
        }
    }
}
