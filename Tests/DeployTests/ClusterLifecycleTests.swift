import Deploy
import Foundation
import ProgramRunner
import Testing

/// Real clusters, real daemons, real packets. Each test builds its own uniquely named cluster in a
/// temp state directory (so it coexists with a running cloud) and always tears it down.
@Suite("cluster lifecycle", .serialized, .enabled(if: TestCluster.available, "needs root, OVS/OVN and a built ovnstack"))
struct ClusterLifecycleTests {
    @Test("up: every chassis in the SB with geneve encap, gateway settings, full tunnel mesh; traffic, restart, idempotence, clean down")
    func upTrafficRestartDown() async throws {
        try await TestCluster.with { cluster in
            let output = try cluster.up()
            #expect(output.contains("READY"))
            #expect(try cluster.status().runtime == Runtimes.preferred)
            let state = try #require(try ClusterState.load(cluster.layout))
            var status = try cluster.status()
            #expect(status.healthy)
            #expect(status.services.count == 21)

            // SB: all chassis, geneve encaps on the underlay addresses, gateway only on ctl.
            #expect(status.chassis.count == 3)
            for node in state.spec.nodes {
                let chassis = try #require(status.chassis.first { $0.name == state.systemID(node.name) })
                #expect(chassis.hostname == node.name)
                #expect(chassis.encaps == [ClusterStatus.Encap(type: "geneve", ip: node.address!)])
                #expect(chassis.gateway == node.has(.gateway))
                #expect(chassis.bridgeMappings == (node.has(.gateway) ? "physnet1:br-ex" : nil))
                let ids = try cluster.vsctl(node.name, ["get", "Open_vSwitch", ".", "external_ids"])
                for expected in ["system-id=\"\(state.systemID(node.name))\"", "hostname=\(node.name)", "ovn-encap-type=geneve",
                                 "ovn-encap-ip=\"\(node.address!)\"", "ovn-remote=\"tcp:172.30.99.10:6642\"", "ovn-nb=\"tcp:172.30.99.10:6641\""] {
                    #expect(ids.contains(expected), "\(node.name) external_ids \(ids) lacks \(expected)")
                }
            }
            #expect(status.tunnels.count == 6)
            #expect(Set(status.tunnels.map { "\($0.node)>\($0.remoteIP)" }).count == 6)
            #expect(status.foreignPatchPorts.isEmpty)
            if status.runtime == .runc {
                // Containers see /run/netns as a slave of the host's (rslave), never as a peer (rshared).
                let vswitchd = try #require(status.services.first { $0.node == "c1" && $0.service == "ovs-vswitchd" }?.pid)
                let mounts = try String(contentsOfFile: "/proc/\(vswitchd)/mountinfo", encoding: .utf8).split(separator: "\n")
                let netns = try #require(mounts.first { $0.split(separator: " ")[4] == "/run/netns" })
                #expect(netns.contains("master:") && !netns.contains("shared:"), "\(netns)")
            }

            // The root namespace gets no address or route of the lab.
            let root = try Program.run("ip", ["-4", "addr"]) + Program.run("ip", ["-4", "route"])
            for range in ["172.30.99.", "203.0.113."] { #expect(!root.contains(range), "root namespace has \(range)") }

            // A second up changes nothing.
            let pids = status.services.map(\.pid)
            #expect(try cluster.up().contains("already up"))
            #expect(try cluster.status().services.map(\.pid) == pids)

            // Two VMs on c1 and c2: DHCP, ping and TCP across the geneve tunnel.
            try cluster.nbctl(["ls-add", "net1"])
            let dhcp = try cluster.nbctl(["create", "DHCP_Options", "cidr=10.0.0.0/24"])
            try cluster.nbctl(["dhcp-options-set-options", dhcp, "server_id=10.0.0.1", "server_mac=fa:16:3e:00:00:01",
                               "lease_time=3600", "router=10.0.0.1", "mtu=1442"])
            let vm1 = try TestVM.plug(cluster, name: "vm1", node: "c1", mac: "fa:16:3e:00:01:11", ip: "10.0.0.11", dhcp: dhcp)
            let vm2 = try TestVM.plug(cluster, name: "vm2", node: "c2", mac: "fa:16:3e:00:01:12", ip: "10.0.0.12", dhcp: dhcp)
            try cluster.nbctl(["--timeout=20", "wait-until", "Logical_Switch_Port", "vm1", "up=true"])
            try cluster.nbctl(["--timeout=20", "wait-until", "Logical_Switch_Port", "vm2", "up=true"])
            #expect(try vm1.dhcp().contains("10.0.0.11"))
            #expect(try vm2.dhcp().contains("10.0.0.12"))
            #expect(try vm1.exec("ip", ["link", "show", "eth0"]).contains("mtu 1442"))
            #expect(try await cluster.eventually(10) { vm1.ping("10.0.0.12") })
            #expect(vm2.ping("10.0.0.11"))
            try FileManager.default.createDirectory(atPath: "\(cluster.stateDir)/www", withIntermediateDirectories: true)
            try "hello from vm2\n".write(toFile: "\(cluster.stateDir)/www/index.html", atomically: true, encoding: .utf8)
            let httpd = try vm2.spawn("busybox", ["httpd", "-f", "-p", "10.0.0.12:8080", "-h", "\(cluster.stateDir)/www"])
            defer {
                kill(httpd, SIGKILL)
                _ = ProcessTable.reapIfExited(httpd)
            }
            var page = ""
            _ = try await cluster.eventually(5) {
                page = (try? vm1.exec("curl", ["-s", "-m", "2", "http://10.0.0.12:8080/"])) ?? ""
                return !page.isEmpty
            }
            #expect(page == "hello from vm2\n")

            // Kill ovn-controller on c2: the supervisor restarts it, traffic recovers, status shows it.
            let victim = try #require(status.services.first { $0.node == "c2" && $0.service == "ovn-controller" }?.pid)
            kill(victim, SIGKILL)
            #expect(try await cluster.eventually(15) {
                let s = try cluster.status()
                let service = s.services.first { $0.node == "c2" && $0.service == "ovn-controller" }
                return service?.restarts == 1 && service?.healthy == true && service?.pid != victim
            })
            #expect(try await cluster.eventually(15) { vm1.ping("10.0.0.12") })
            status = try cluster.status()
            let lastExit = status.services.first { $0.node == "c2" && $0.service == "ovn-controller" }?.lastExit
            // A plain child reports its signal; a container's daemon is not our child, so only that it exited.
            #expect(lastExit == (status.runtime == .process ? "signal 9" : "exited"))

            // A patch port OVN did not create (the seed's phy-br-ex/int-br-ex conflict) is flagged.
            try cluster.vsctl("ctl", ["add-port", "br-ex", "phy-br-ex", "--", "set", "Interface", "phy-br-ex", "type=patch", "options:peer=int-br-ex"])
            status = try cluster.status()
            #expect(status.foreignPatchPorts == ["ctl/phy-br-ex"])
            #expect(!status.healthy)

            // down: no namespace, process or mount of the cluster is left.
            for ns in [vm1.netns, vm2.netns] {
                for pid in Netns.pids(ns) { kill(pid, SIGKILL) }
                Netns.delete(ns)
            }
            let down = cluster.run(["down"])
            #expect(down.succeeded, "\(down.output)")
            #expect(Netns.list().filter { $0.hasPrefix("\(cluster.name)-") }.isEmpty)
            for service in status.services { #expect(!ProcessTable.isAlive(service.pid ?? 0), "\(service.node)/\(service.service) survived") }
            #expect(try await cluster.eventually(5) { ProcessTable.pids(mentioning: cluster.stateDir).isEmpty })
            let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            #expect(!mounts.contains("/run/netns/\(cluster.name)-"))
            if status.runtime == .runc {
                let containers = Program.probe("runc", ["--root", "\(cluster.stateDir)/runc", "list", "-q"]).output
                #expect(containers.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "containers left: \(containers)")
            }
        }
    }

    @Test("up after SIGKILL of the supervisor adopts the running daemons and recovers (process runtime)")
    func upRecoversAfterSupervisorCrash() async throws {
        try await TestCluster.with { cluster in
            try cluster.up(["--computes", "1", "--runtime", "process"])
            let victim = try #require(try cluster.status().services.first { $0.node == "c1" && $0.service == "ovn-controller" }?.pid)
            kill(victim, SIGKILL)
            #expect(try await cluster.eventually(10) {
                try cluster.status().services.first { $0.node == "c1" && $0.service == "ovn-controller" }?.healthy == true
            })
            let before = try cluster.status()
            #expect(before.healthy)
            let supervisor = try #require(before.supervisorPid)
            kill(supervisor, SIGKILL)
            #expect(try await cluster.eventually(5) { !ProcessTable.isAlive(supervisor) })
            #expect(try cluster.status().healthy == false)
            #expect(try cluster.up(["--computes", "1", "--runtime", "process"]).contains("READY"))
            let after = try cluster.status()
            #expect(after.healthy)
            #expect(after.supervisorPid != supervisor)
            #expect(after.services.map(\.pid) == before.services.map(\.pid), "daemons were adopted, not restarted")
            #expect(after.tunnels.count == 2)
            #expect(after.services.first { $0.node == "c1" && $0.service == "ovn-controller" }?.restarts == 1, "restart count survives adoption")
        }
    }

    @Test("down after SIGKILL of the supervisor still stops every daemon by pid and removes namespaces and containers")
    func downAfterSupervisorCrash() async throws {
        try await TestCluster.with { cluster in
            try cluster.up(["--computes", "1"])
            let before = try cluster.status()
            kill(try #require(before.supervisorPid), SIGKILL)
            let down = cluster.run(["down"])
            #expect(down.succeeded)
            #expect(down.output.contains("stopped leftover ctl/ovsdb-server-nb"))
            for service in before.services { #expect(!ProcessTable.isAlive(service.pid ?? 0), "\(service.node)/\(service.service) survived") }
            #expect(Netns.list().filter { $0.hasPrefix("\(cluster.name)-") }.isEmpty)
            if before.runtime == .runc {
                #expect(Program.probe("runc", ["--root", "\(cluster.stateDir)/runc", "list", "-q"]).output.isEmpty)
            }
        }
    }

    @Test("preflight reports a leftover namespace with its fix, and --fix removes it")
    func preflightFindsLeftovers() async throws {
        try await TestCluster.with { cluster in
            try Program.run("ip", ["netns", "add", "\(cluster.name)-c1"])
            let report = cluster.run(["preflight"])
            #expect(!report.succeeded)
            #expect(report.output.contains("[FAIL] leftovers"))
            #expect(report.output.contains("\(cluster.name)-c1"))
            #expect(report.output.contains("fix: ovnstack preflight --name \(cluster.name) --fix"))
            let fixed = cluster.run(["preflight", "--fix"])
            #expect(fixed.output.contains("deleted namespace \(cluster.name)-c1"))
            #expect(fixed.output.contains("[PASS] leftovers"))
            #expect(!Netns.list().contains("\(cluster.name)-c1"))
        }
    }
}
