import Deploy
import Foundation
import Testing

extension ClusterLifecycleTests {
    @Test("networking API on a real cluster: ports bound to c1/c2 get their fixed IPs from OVN DHCP, go ACTIVE and ping; security groups and port security act on real packets")
    func networkingRealPackets() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let state = try #require(try ClusterState.load(cluster.layout))
            let apiPorts = state.ports
            let status = try cluster.status()
            let service = try #require(status.services.first { $0.service == "network" }, "no network service in \(status.services)")
            #expect(service.node == "ctl" && service.healthy == true && service.pid != nil, "\(service)")

            // The catalog identity hands out names the network endpoint; everything below goes through it.
            let cloud = try await CloudClient.admin(cluster, identityPort: apiPorts.identity)
            #expect(cloud.endpoints["network"] == "http://127.0.0.1:\(apiPorts.network)", "\(cloud.endpoints)")
            let neutron = NeutronCalls(cloud: cloud)

            let network = try await neutron.create("network", ["name": "t-net"])
            let networkID = try #require(network["id"] as? String, "\(network)")
            #expect(network["mtu"] as? Int == 1442, "a geneve network on a 1500-byte underlay: \(network)")
            let subnet = try await neutron.create("subnet", [
                "network_id": networkID, "name": "t-subnet", "ip_version": 4, "cidr": "10.50.0.0/24", "enable_dhcp": true,
            ])
            #expect(subnet["gateway_ip"] as? String == "10.50.0.1", "\(subnet)")

            // Two ports bound to c1 and c2 by the hostnames their chassis registered in the SB, as Nova binds them.
            var vms: [TestVM] = []
            var portIDs: [String] = []
            for (name, node) in [("vma", "c1"), ("vmb", "c2")] {
                let host = try #require(status.chassis.first { $0.name == state.systemID(node) }?.hostname, "no chassis for \(node)")
                let port = try await neutron.create("port", [
                    "network_id": networkID, "name": "t-\(name)", "binding:host_id": host,
                    "device_owner": "compute:nova", "device_id": UUID().uuidString.lowercased(),
                ])
                let id = try #require(port["id"] as? String, "\(port)")
                let mac = try #require(port["mac_address"] as? String, "\(port)")
                let fixedIPs = port["fixed_ips"] as? [[String: Any]] ?? []
                #expect(fixedIPs.count == 1, "\(port)")
                let ip = try #require(fixedIPs.first?["ip_address"] as? String, "\(port)")
                #expect(ip.hasPrefix("10.50.0.") && ip != "10.50.0.1", "\(port)")
                #expect(port["binding:host_id"] as? String == host, "\(port)")
                portIDs.append(id)
                vms.append(try TestVM.attach(cluster, name: name, node: node, mac: mac, ip: ip, ifaceID: id))
            }
            let (vma, vmb) = (vms[0], vms[1])

            // Each port is in the project's default group, which admits ingress from its own members only.
            let port = try await neutron.show("port", portIDs[0])
            let projectID = try #require(port["project_id"] as? String, "\(port)")
            let defaults = try await neutron.list("security_group", query: "name=default&project_id=\(projectID)")
            let defaultID = try #require(defaults.first?["id"] as? String, "no default security group for \(projectID): \(defaults)")
            #expect(defaults.count == 1)
            for id in portIDs {
                #expect(try await neutron.show("port", id)["security_groups"] as? [String] == [defaultID])
            }

            // ovn-controller on c1/c2 claims the VIFs; networking sees the ports up in OVN and marks them ACTIVE.
            for id in portIDs {
                var last: CloudClient.Exchange?
                let active = try await Self.poll(20) {
                    last = try await neutron.fetch("port", id)
                    return (last?.json["port"] as? [String: Any])?["status"] as? String == "ACTIVE"
                }
                #expect(active, "port \(id) not ACTIVE after 20 s; last \(last.map(String.init(describing:)) ?? "no answer")")
            }

            // OVN's native DHCP hands each VM exactly the address the API assigned, with the network's MTU.
            for vm in vms {
                let lease = try vm.dhcp()
                try #require(Self.leasedAddress(lease) == vm.ip, "\(vm.name) on \(vm.node): wanted \(vm.ip), udhcpc said '\(lease)'")
                #expect(try vm.exec("ip", ["link", "show", "eth0"]).contains("mtu 1442"))
            }
            #expect(try await cluster.eventually(10) { vma.ping(vmb.ip) }, "vma (c1) → vmb (c2) in the default group")
            #expect(vmb.ping(vma.ip), "vmb (c2) → vma (c1) in the default group")

            // vmb moves to a group without ingress rules: nothing reaches it any more.
            let noICMP = try await neutron.create("security_group", ["name": "t-noicmp"])
            let noICMPID = try #require(noICMP["id"] as? String, "\(noICMP)")
            let moved = try await neutron.update("port", portIDs[1], ["security_groups": [noICMPID]])
            #expect(moved["security_groups"] as? [String] == [noICMPID], "\(moved)")
            #expect(try await cluster.eventually(10) { !vma.ping(vmb.ip) }, "ICMP to a port whose only group has no ingress rule")
            #expect(!vma.ping(vmb.ip), "still dropped")
            // …and vmb is no longer a member of default, so vma's remote-group rule stops admitting it too.
            #expect(try await cluster.eventually(10) { !vmb.ping(vma.ip) }, "vmb left the default group")

            // An ingress ICMP rule in vmb's group lets the ping through again.
            let rule = try await neutron.create("security_group_rule", [
                "security_group_id": noICMPID, "direction": "ingress", "ethertype": "IPv4", "protocol": "icmp",
            ])
            #expect(rule["protocol"] as? String == "icmp" && rule["direction"] as? String == "ingress", "\(rule)")
            #expect(try await cluster.eventually(10) { vma.ping(vmb.ip) }, "ICMP admitted by the new rule")

            // Port security: vma sending from an address or MAC the API did not assign gets nothing through.
            let spoofedIP = (200...250).map { "10.50.0.\($0)" }.first { $0 != vma.ip && $0 != vmb.ip }!
            try vma.exec("ip", ["-4", "addr", "flush", "dev", "eth0"])
            try vma.exec("ip", ["addr", "add", "\(spoofedIP)/24", "dev", "eth0"])
            #expect(try await cluster.eventually(10) { !vma.ping(vmb.ip) }, "ping from spoofed \(spoofedIP)")
            #expect(!vma.ping(vmb.ip), "still dropped from \(spoofedIP)")
            try vma.exec("ip", ["-4", "addr", "flush", "dev", "eth0"])
            try vma.exec("ip", ["addr", "add", "\(vma.ip)/24", "dev", "eth0"])
            #expect(try await cluster.eventually(10) { vma.ping(vmb.ip) }, "the assigned address works again")
            try vma.exec("ip", ["link", "set", "dev", "eth0", "address", "fa:16:3e:ee:ee:ee"])
            #expect(try await cluster.eventually(10) { !vma.ping(vmb.ip) }, "ping from a spoofed MAC")
            #expect(!vma.ping(vmb.ip), "still dropped from the spoofed MAC")
            try vma.exec("ip", ["link", "set", "dev", "eth0", "address", vma.mac])
            #expect(try await cluster.eventually(10) { vma.ping(vmb.ip) }, "the assigned MAC works again")

            // down stops the network service and frees its port.
            for vm in vms {
                for pid in Netns.pids(vm.netns) { kill(pid, SIGKILL) }
                Netns.delete(vm.netns)
            }
            let down = cluster.run(["down", "--purge"])
            #expect(down.succeeded, "\(down.output)")
            #expect(!ProcessTable.isAlive(service.pid ?? 0), "network pid \(service.pid ?? 0) survived down")
            #expect(LoopbackPort.isFree(apiPorts.network))
        }
    }

    /// Polls `check` every 100 ms for up to `seconds`.
    static func poll(_ seconds: Double, _ check: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await check()) == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// The address in udhcpc's `lease of 10.50.0.5 obtained …` line.
    static func leasedAddress(_ line: String) -> String? {
        guard let start = line.range(of: "lease of ") else { return nil }
        return line[start.upperBound...].split(separator: " ").first.map(String.init)
    }
}
