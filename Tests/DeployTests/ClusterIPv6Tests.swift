import Deploy
import Foundation
import ProgramRunner
import Testing

extension ClusterLifecycleTests {
    @Test("IPv6 with real packets: guests on two SLAAC subnets (c1, c2) take their addresses from OVN's router advertisements and ping each other through the router")
    func ipv6SLAACAcrossARouter() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let neutron = l3.neutron
            let netA = try await l3.network6("t6-net-a", cidr: "2001:db8:61::/64")
            let netB = try await l3.network6("t6-net-b", cidr: "2001:db8:62::/64")
            #expect(netA.gateway == "2001:db8:61::1" && netB.gateway == "2001:db8:62::1")
            let router = try await neutron.create("router", ["name": "t6-router"])
            let routerID = try #require(router["id"] as? String, "\(router)")
            var interfacePorts: [String] = []
            for net in [netA, netB] {
                let answer = try await neutron.routerAction(routerID, "add_router_interface", ["subnet_id": net.subnet])
                interfacePorts.append(try #require(answer["port_id"] as? String, "\(answer)"))
            }
            // The router ports advertise the prefixes for SLAAC (what ovn-northd turns into RA replies).
            for port in interfacePorts {
                let ra = try cluster.nbctl(["--data=bare", "--no-headings", "--columns=ipv6_ra_configs", "find", "Logical_Router_Port", "name=lrp-\(port)"])
                #expect(ra.contains("address_mode=slaac") && ra.contains("send_periodic=true"), "lrp-\(port): \(ra)")
            }

            let a = try await l3.vm("a6", node: "c1", network: netA)
            let b = try await l3.vm("b6", node: "c2", network: netB)
            for (vm, prefix) in [(a, "2001:db8:61:"), (b, "2001:db8:62:")] {
                #expect(vm.vm.ip.hasPrefix(prefix), "an EUI-64 address: \(vm.vm.ip)")
                try await l3.waitActive(vm.portID)
                let learned = try await l3.slaac(vm)
                #expect(learned.address, "\(vm.vm.name) never configured \(vm.vm.ip) from a router advertisement: \(learned.detail)")
                #expect(learned.defaultRoute.contains("default via fe80::"), "the RA's router is the default route: \(learned.defaultRoute)")
            }
            #expect(try await cluster.eventually(15) { a.vm.ping(b.vm.ip) }, "a (c1, 2001:db8:61::/64) → b (c2, 2001:db8:62::/64) through t6-router")
            // b took its hop limit from OVN's advertisement (255); the reply crossed one routed hop.
            let echo = try a.vm.exec("ping", ["-n", "-c1", "-W1", b.vm.ip])
            #expect(echo.contains("ttl=254"), "\(echo)")
            #expect(b.vm.ping(a.vm.ip), "b → a")
            #expect(b.vm.ping(netA.gateway), "b → the router's address on a's subnet")
        }
    }
}

extension L3Cloud {
    /// A network with one SLAAC IPv6 subnet (`ipv6_ra_mode` and `ipv6_address_mode` both `slaac`).
    func network6(_ name: String, cidr: String) async throws -> Net {
        let network = try await neutron.create("network", ["name": name])
        let id = try #require(network["id"] as? String, "\(network)")
        let subnet = try await neutron.create("subnet", ["network_id": id, "name": "\(name)-subnet", "ip_version": 6, "cidr": cidr,
                                                         "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac"])
        return Net(network: id, subnet: try #require(subnet["id"] as? String, "\(subnet)"),
                   gateway: try #require(subnet["gateway_ip"] as? String, "\(subnet)"))
    }

    /// What a guest learned from router advertisements.
    struct SLAACResult {
        let address: Bool
        let defaultRoute: String
        let detail: String
    }

    /// Restarts the guest's link so that it solicits a router now (its first solicitations went out before the port
    /// was bound), then waits for its own address to be configured and past duplicate address detection.
    func slaac(_ vm: VM) async throws -> SLAACResult {
        try vm.vm.exec("sysctl", ["-q", "-w", "net.ipv6.conf.eth0.router_solicitation_interval=1", "net.ipv6.conf.eth0.accept_ra=1",
                                  "net.ipv6.conf.eth0.autoconf=1"])
        try vm.vm.exec("ip", ["link", "set", "eth0", "down"])
        try vm.vm.exec("ip", ["link", "set", "eth0", "up"])
        var shown = ""
        let configured = try await ClusterLifecycleTests.poll(20) {
            shown = (try? vm.vm.exec("ip", ["-6", "addr", "show", "dev", "eth0", "scope", "global"])) ?? ""
            return shown.contains("\(vm.vm.ip)/64") && !shown.contains("tentative")
        }
        let route = (try? vm.vm.exec("ip", ["-6", "route", "show", "default"])) ?? ""
        return SLAACResult(address: configured, defaultRoute: route, detail: shown)
    }
}
