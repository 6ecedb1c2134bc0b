import Deploy
import Foundation
import Testing

extension ClusterLifecycleTests {
    @Test("L3 with real packets: a router joins two networks across c1/c2; SNAT to the router's gateway IP; a floating IP answers from outside, carries TCP and the VM's own traffic, and stops when disassociated")
    func routingSNATFloatingIP() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let neutron = l3.neutron
            let outside = OutsideHost(cluster: cluster)
            let outsideRouter = l3.state.spec.external.router

            // 1. Two networks joined by one router; a on c1 in A pings b on c2 in B through it.
            let netA = try await l3.network("t-net-a", cidr: "10.61.0.0/24")
            let netB = try await l3.network("t-net-b", cidr: "10.62.0.0/24")
            #expect(netA.gateway == "10.61.0.1" && netB.gateway == "10.62.0.1")
            let router = try await neutron.create("router", ["name": "t-router"])
            let routerID = try #require(router["id"] as? String, "\(router)")
            #expect(router["external_gateway_info"] is NSNull, "\(router)")
            for net in [netA, netB] {
                let answer = try await neutron.routerAction(routerID, "add_router_interface", ["subnet_id": net.subnet])
                #expect(answer["subnet_id"] as? String == net.subnet && answer["port_id"] is String && answer["id"] as? String == routerID, "\(answer)")
            }
            let interfaces = try await neutron.list("port", query: "device_id=\(routerID)&device_owner=network:router_interface")
            #expect(Set(interfaces.flatMap(L3Cloud.addresses)) == [netA.gateway, netB.gateway], "the interfaces hold the subnets' gateway IPs: \(interfaces)")

            let a = try await l3.vm("a", node: "c1", network: netA)
            let b = try await l3.vm("b", node: "c2", network: netB)
            for (vm, net) in [(a, netA), (b, netB)] {
                try await l3.lease(vm)
                let route = try vm.vm.exec("ip", ["-4", "route", "show", "default"])
                #expect(route.contains("default via \(net.gateway) "), "DHCP's router option is the subnet gateway: \(route)")
            }
            #expect(try await cluster.eventually(10) { a.vm.ping(b.vm.ip) }, "a (c1, 10.61) → b (c2, 10.62) through t-router")
            // One routed hop: the echo request and its reply each lose one TTL.
            let echo = try a.vm.exec("ping", ["-n", "-c1", "-W1", b.vm.ip])
            #expect(echo.contains("ttl=63"), "\(echo)")
            #expect(b.vm.ping(a.vm.ip), "b → a")

            // 2. SNAT: with its gateway on public, the router sends both subnets out as its gateway IP.
            let gatewayRouter = try await neutron.update("router", routerID, ["external_gateway_info": ["network_id": l3.publicID]])
            let info = try #require(gatewayRouter["external_gateway_info"] as? [String: Any], "\(gatewayRouter)")
            let gatewayIP = try #require((info["external_fixed_ips"] as? [[String: Any]])?.first?["ip_address"] as? String, "\(gatewayRouter)")
            #expect(info["network_id"] as? String == l3.publicID && info["enable_snat"] as? Bool == true, "\(info)")
            #expect(L3Cloud.inPool(gatewayIP), "\(gatewayIP) is from public's pool .10–.250")
            for vm in [a, b] {
                let snat = try await outside.capturingEchoes(host: outsideRouter) {
                    try await cluster.eventually(20) { vm.vm.ping(outsideRouter) }
                }
                #expect(snat.succeeded && snat.echoes.contains { $0.request }, "\(vm.vm.name) → \(outsideRouter): \(snat.text); NAT \(l3.natRows())")
                #expect(snat.echoes.allSatisfy { $0.request ? $0.source == gatewayIP : $0.destination == gatewayIP },
                        "ext must see \(vm.vm.name) as the router's gateway IP \(gatewayIP): \(snat.echoes)")
            }

            // 3. A floating IP for a: outside reaches a through it, a's own traffic leaves as it.
            let opened = try await l3.openToOutside(a)
            let fip = try await neutron.create("floatingip", ["floating_network_id": l3.publicID])
            let fipID = try #require(fip["id"] as? String, "\(fip)")
            let fipIP = try #require(fip["floating_ip_address"] as? String, "\(fip)")
            #expect(L3Cloud.inPool(fipIP) && fipIP != gatewayIP, "\(fip)")
            #expect(fip["status"] as? String == "DOWN" && fip["port_id"] is NSNull, "\(fip)")

            try outside.fastNeighbourProbes()
            let pinger = try outside.startPinger(fipIP)
            defer { pinger.stop() }
            let sentAt = Date().timeIntervalSince1970
            let associated = try await neutron.update("floatingip", fipID, ["port_id": a.portID])
            let answeredAt = Date().timeIntervalSince1970
            #expect(associated["port_id"] as? String == a.portID && associated["fixed_ip_address"] as? String == a.vm.ip
                    && associated["router_id"] as? String == routerID, "\(associated)")
            let reached = try await ClusterLifecycleTests.poll(20) { !pinger.replies.isEmpty }
            pinger.stop()
            let first = try #require(pinger.replies.first, "no reply from \(fipIP) within 20 s of the association; NAT \(l3.natRows())")
            #expect(reached && first.time > sentAt, "the floating IP answered before it was associated: \(first)")
            print(String(format: "floating IP %@ → %@: first reply in ext %.3f s after the association PUT's reply (PUT took %.3f s)",
                         fipIP, a.vm.ip, first.time - answeredAt, answeredAt - sentAt))
            #expect(l3.natRows().contains("dnat_and_snat,\(fipIP),\(a.vm.ip)"), "\(l3.natRows())")
            var status: String?
            #expect(try await ClusterLifecycleTests.poll(10) {
                status = try await neutron.show("floatingip", fipID)["status"] as? String
                return status == "ACTIVE"
            }, "floating IP status \(status ?? "?")")

            // TCP from outside to a server in a, through the floating IP.
            let site = "\(cluster.stateDir)/www-a"
            try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
            let page = "hello from a \(UUID().uuidString)\n"
            try page.write(toFile: "\(site)/index.html", atomically: true, encoding: .utf8)
            let httpd = try a.vm.spawn("busybox", ["httpd", "-f", "-p", String(opened.tcpPort), "-h", site])
            defer { kill(httpd, SIGKILL); waitpid(httpd, nil, 0) }
            var body: String?
            #expect(try await cluster.eventually(15) {
                body = outside.fetch("http://\(fipIP):\(opened.tcpPort)/")
                return body == page
            }, "ext → \(fipIP):\(opened.tcpPort) got \(body.map { "'\($0)'" } ?? "nothing")")

            // a's own traffic to the outside now leaves with the floating IP as source.
            let viaFIP = try await outside.capturingEchoes(host: outsideRouter) {
                try await cluster.eventually(10) { a.vm.ping(outsideRouter) }
            }
            #expect(viaFIP.succeeded && viaFIP.echoes.contains { $0.request }, "a → \(outsideRouter) with a floating IP: \(viaFIP.text)")
            #expect(viaFIP.echoes.allSatisfy { $0.request ? $0.source == fipIP : $0.destination == fipIP },
                    "ext must see a as its floating IP \(fipIP): \(viaFIP.echoes)")

            // Disassociated, the floating IP goes dark and a is SNATed to the router's gateway IP again.
            let released = try await neutron.update("floatingip", fipID, ["port_id": NSNull()])
            #expect(released["port_id"] is NSNull && released["fixed_ip_address"] is NSNull, "\(released)")
            #expect(try await cluster.eventually(10) { !outside.ping(fipIP) }, "\(fipIP) still answers after disassociation; NAT \(l3.natRows())")
            #expect(!outside.ping(fipIP), "\(fipIP) answered again")
            #expect(!l3.natRows().contains("dnat_and_snat"), "\(l3.natRows())")
            #expect(try await ClusterLifecycleTests.poll(10) {
                status = try await neutron.show("floatingip", fipID)["status"] as? String
                return status == "DOWN"
            }, "floating IP status \(status ?? "?")")
            let snatAgain = try await outside.capturingEchoes(host: outsideRouter) {
                try await cluster.eventually(10) { a.vm.ping(outsideRouter) }
            }
            #expect(snatAgain.succeeded && snatAgain.echoes.contains { $0.request }, "a → \(outsideRouter) without a floating IP: \(snatAgain.text)")
            #expect(snatAgain.echoes.allSatisfy { $0.request ? $0.source == gatewayIP : $0.destination == gatewayIP },
                    "ext must see a as the router's gateway IP \(gatewayIP) again: \(snatAgain.echoes)")
        }
    }

    @Test("gateway HA with real packets: the router's gateway port on two gateway chassis at priorities 2/1; killing the active gateway's ovn-controller is no outage; freezing its ovs-vswitchd moves the floating IP to the other gateway, and back when it resumes")
    func gatewayFailover() async throws {
        try await TestCluster.with { cluster in
            // Two gateways besides the control node: freezing a gateway's datapath must not also cut the
            // NB/SB off (ctl's underlay address lives on its br-phy, i.e. in its ovs-vswitchd).
            let specFile = "\(cluster.stateDir)-spec.yaml"
            defer { try? FileManager.default.removeItem(atPath: specFile) }
            try """
                nodes:
                  - {name: ctl, roles: [control]}
                  - {name: g1, roles: [gateway]}
                  - {name: g2, roles: [gateway]}
                  - {name: c1, roles: [compute]}

                """.write(toFile: specFile, atomically: true, encoding: .utf8)
            #expect(try cluster.up(["-f", specFile]).contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let state = l3.state
            let outside = OutsideHost(cluster: cluster)
            let gateways = ["g1", "g2"]
            try #require(state.spec.nodes.map(\.name) == ["ctl", "g1", "g2", "c1"], "\(state.spec.nodes)")
            #expect(Set(l3.status.chassis.filter(\.gateway).map(\.hostname)) == Set(gateways), "\(l3.status.chassis)")
            for gateway in gateways {
                let chassis = l3.status.chassis.first { $0.name == state.systemID(gateway) }
                #expect(chassis?.bridgeMappings == "physnet1:br-ex", "\(String(describing: chassis))")
                #expect(Netns.hasLink(outside.netns, Names.gatewayPort(gateway)), "\(gateway)'s br-ex is not wired to ext")
            }

            // A router with its gateway on public and an interface on t-net; a on c1 with a floating IP.
            let net = try await l3.network("t-net", cidr: "10.63.0.0/24")
            let router = try await l3.neutron.create("router", ["name": "t-router", "external_gateway_info": ["network_id": l3.publicID]])
            let routerID = try #require(router["id"] as? String, "\(router)")
            _ = try await l3.neutron.routerAction(routerID, "add_router_interface", ["subnet_id": net.subnet])
            let gatewayPorts = try await l3.neutron.list("port", query: "device_id=\(routerID)&device_owner=network:router_gateway")
            let gatewayPortID = try #require(gatewayPorts.first?["id"] as? String, "\(gatewayPorts)")
            let gatewayMAC = try #require(gatewayPorts.first?["mac_address"] as? String, "\(gatewayPorts)")
            let a = try await l3.vm("a", node: "c1", network: net)
            try await l3.lease(a)
            _ = try await l3.openToOutside(a)
            let fip = try await l3.neutron.create("floatingip", ["floating_network_id": l3.publicID, "port_id": a.portID])
            let fipIP = try #require(fip["floating_ip_address"] as? String, "\(fip)")
            try outside.fastNeighbourProbes()
            #expect(try await cluster.eventually(20) { outside.ping(fipIP) }, "ext → \(fipIP); NAT \(l3.natRows())")

            // NB: the gateway port's Gateway_Chassis are both gateways, at priorities 2 and 1.
            let lrp = "lrp-\(gatewayPortID)"
            let rows = try cluster.nbctl(["--format=csv", "--data=bare", "--no-headings", "--columns=name,chassis_name,priority", "list", "Gateway_Chassis"])
            let schedule = rows.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }.filter { $0.count == 3 && $0[0].hasPrefix("\(lrp)_") }
            let byPriority = Dictionary(schedule.map { (Int($0[2]) ?? 0, $0[1]) }, uniquingKeysWith: { first, _ in first })
            #expect(schedule.count == 2 && Set(byPriority.keys) == [1, 2] && Set(byPriority.values) == Set(gateways.map(state.systemID)),
                    "Gateway_Chassis of \(lrp): \(rows)")
            #expect(try cluster.nbctl(["lrp-get-gateway-chassis", lrp]).split(separator: "\n").count == 2)
            let active = try #require(gateways.first { state.systemID($0) == byPriority[2] }, "no priority-2 gateway: \(rows)")
            let standby = gateways.first { $0 != active }!
            let redirect = "cr-\(lrp)"
            #expect(try await cluster.eventually(10) { l3.resident(redirect) == active }, "\(redirect) on \(l3.resident(redirect) ?? "no chassis")")
            #expect(try await cluster.eventually(5) { outside.bridgePort(of: gatewayMAC) == Names.gatewayPort(active) },
                    "ext reaches the router through \(outside.bridgePort(of: gatewayMAC) ?? "?")")

            let pinger = try outside.startPinger(fipIP)
            defer { pinger.stop() }
            #expect(try await ClusterLifecycleTests.poll(5) { pinger.replies.count >= 5 }, "ext → \(fipIP) before any failure")

            // (a) SIGKILL the active gateway's ovn-controller: the supervisor restarts it; meanwhile its
            // ovs-vswitchd keeps the flows and the BFD sessions, so the gateway stays where it is.
            let controller = try l3.pid(of: "ovn-controller", on: active)
            let killedAt = Date().timeIntervalSince1970
            kill(controller, SIGKILL)
            var restarted: Int32?
            #expect(try await cluster.eventually(15) {
                restarted = l3.pidFile("ovn-controller", on: active)
                return restarted.map { $0 != controller && ProcessTable.isAlive($0) } ?? false
            }, "the supervisor did not restart ovn-controller on \(active) (pid \(controller))")
            let restartedAt = Date().timeIntervalSince1970
            _ = try l3.pid(of: "ovn-controller", on: active)
            // Stable again: answers well after the restart, and the port never moved.
            #expect(try await ClusterLifecycleTests.poll(15) { (pinger.replies.last?.time ?? 0) > restartedAt + 1 }, "ext → \(fipIP) after the restart")
            let afterKill = pinger.replies.filter { $0.time > killedAt - 0.1 }
            let killGap = zip(afterKill, afterKill.dropFirst()).map { $1.time - $0.time }.max() ?? 0
            let whileDead = afterKill.filter { $0.time > killedAt && $0.time < restartedAt }.count
            print(String(format: "ovn-controller on %@ killed: restarted (pid %d → %d) within %.2f s, %d replies from %@ meanwhile, longest gap %.3f s",
                         active, controller, restarted ?? 0, restartedAt - killedAt, whileDead, fipIP, killGap))
            #expect(whileDead > 0, "no reply from \(fipIP) while ovn-controller on \(active) was down: \(afterKill.prefix(5))")
            #expect(l3.resident(redirect) == active, "\(redirect) moved to \(l3.resident(redirect) ?? "no chassis") although \(active)'s datapath never stopped")

            // (b) SIGSTOP the active gateway's ovs-vswitchd: its datapath and its BFD sessions stop, c1 and
            // the standby see BFD go down, the standby claims the gateway port and announces it to ext.
            let vswitchd = try l3.pid(of: "ovs-vswitchd", on: active)
            var frozen: Int32?
            defer { if let frozen { kill(frozen, SIGCONT) } }
            #expect(try await ClusterLifecycleTests.poll(5) { (pinger.replies.last?.time ?? 0) > Date().timeIntervalSince1970 - 0.2 },
                    "ext → \(fipIP) not answering right before the failure")
            let frozenAt = Date().timeIntervalSince1970
            kill(vswitchd, SIGSTOP)
            frozen = vswitchd
            var recovery: (lastBefore: Pinger.Reply?, first: Pinger.Reply)?
            #expect(try await ClusterLifecycleTests.poll(30) {
                recovery = pinger.recovery(after: frozenAt)
                return recovery != nil
            }, "no outage and recovery of \(fipIP) within 30 s of freezing \(active)'s ovs-vswitchd; last replies \(pinger.replies.suffix(3)), \(redirect) on \(l3.resident(redirect) ?? "no chassis")")
            if let recovery {
                print(String(format: "ovs-vswitchd on %@ frozen: %@ answered again through %@ after %.3f s (%d requests lost, last reply before %.3f s after the freeze)",
                             active, fipIP, standby, recovery.first.time - frozenAt, recovery.first.seq - (recovery.lastBefore?.seq ?? 0) - 1,
                             (recovery.lastBefore?.time ?? frozenAt) - frozenAt))
            }
            #expect(try await cluster.eventually(10) { l3.resident(redirect) == standby }, "\(redirect) on \(l3.resident(redirect) ?? "no chassis")")
            #expect(outside.bridgePort(of: gatewayMAC) == Names.gatewayPort(standby), "ext reaches the router through \(outside.bridgePort(of: gatewayMAC) ?? "?")")
            #expect(try await cluster.eventually(10) { a.vm.ping(l3.state.spec.external.router) }, "a → outside through \(standby)")

            // (c) SIGCONT: the priority-2 gateway is back and takes the port over again.
            let resumedAt = Date().timeIntervalSince1970
            kill(vswitchd, SIGCONT)
            frozen = nil
            #expect(try await cluster.eventually(30) { l3.resident(redirect) == active }, "\(redirect) on \(l3.resident(redirect) ?? "no chassis") after \(active) resumed")
            let backAt = Date().timeIntervalSince1970
            #expect(try await ClusterLifecycleTests.poll(15) { (pinger.replies.last?.time ?? 0) > max(backAt, resumedAt) + 1 }, "ext → \(fipIP) after failback")
            #expect(outside.bridgePort(of: gatewayMAC) == Names.gatewayPort(active), "ext reaches the router through \(outside.bridgePort(of: gatewayMAC) ?? "?")")
            let afterResume = pinger.replies.filter { $0.time > resumedAt - 0.1 }
            let resumeGap = zip(afterResume, afterResume.dropFirst()).map { $1.time - $0.time }.max() ?? 0
            print(String(format: "ovs-vswitchd on %@ resumed: %@ bound there again within %.2f s, longest gap in replies from %@ %.3f s",
                         active, redirect, backAt - resumedAt, fipIP, resumeGap))
        }
    }
}

/// What the routing tests build through the Networking API as admin: networks with one subnet,
/// VMs on ports bound to a node (as Nova binds them), and a security group open to the outside.
struct L3Cloud {
    let cluster: TestCluster
    let state: ClusterState
    let status: ClusterStatus
    let neutron: NeutronCalls
    /// The external network `up` created.
    let publicID: String

    struct Net {
        let network: String
        let subnet: String
        let gateway: String
    }

    struct VM {
        let vm: TestVM
        let portID: String
    }

    struct Opening {
        let groupID: String
        let tcpPort: Int
    }

    init(_ cluster: TestCluster) async throws {
        self.cluster = cluster
        state = try #require(try ClusterState.load(cluster.layout))
        status = try cluster.status()
        neutron = NeutronCalls(cloud: try await CloudClient.admin(cluster, identityPort: state.ports.identity))
        let publics = try await neutron.list("network", query: "name=public")
        try #require(publics.count == 1 && publics[0]["router:external"] as? Bool == true, "\(publics)")
        publicID = try #require(publics[0]["id"] as? String)
    }

    /// A network with one DHCP-enabled IPv4 subnet.
    func network(_ name: String, cidr: String) async throws -> Net {
        let network = try await neutron.create("network", ["name": name])
        let id = try #require(network["id"] as? String, "\(network)")
        let subnet = try await neutron.create("subnet", ["network_id": id, "name": "\(name)-subnet", "ip_version": 4, "cidr": cidr, "enable_dhcp": true])
        return Net(network: id, subnet: try #require(subnet["id"] as? String, "\(subnet)"),
                   gateway: try #require(subnet["gateway_ip"] as? String, "\(subnet)"))
    }

    /// A port on `network` bound to `node`'s chassis and a VM plugged into that node's br-int for it.
    func vm(_ name: String, node: String, network: Net) async throws -> VM {
        let host = try host(of: node)
        let port = try await neutron.create("port", [
            "network_id": network.network, "name": "t-\(name)", "binding:host_id": host,
            "device_owner": "compute:nova", "device_id": UUID().uuidString.lowercased(),
        ])
        let id = try #require(port["id"] as? String, "\(port)")
        let mac = try #require(port["mac_address"] as? String, "\(port)")
        let ip = try #require(Self.addresses(port).first, "\(port)")
        return VM(vm: try TestVM.attach(cluster, name: name, node: node, mac: mac, ip: ip, ifaceID: id), portID: id)
    }

    /// The hostname of `node`'s chassis (what Nova binds ports to).
    func host(of node: String) throws -> String {
        try #require(status.chassis.first { $0.name == state.systemID(node) }?.hostname, "no chassis for \(node)")
    }

    /// Waits until the port is ACTIVE (ovn-controller claimed it).
    func waitActive(_ portID: String) async throws {
        var last: CloudClient.Exchange?
        let active = try await ClusterLifecycleTests.poll(20) {
            last = try await neutron.fetch("port", portID)
            return (last?.json["port"] as? [String: Any])?["status"] as? String == "ACTIVE"
        }
        try #require(active, "port \(portID) not ACTIVE after 20 s; last \(last.map(String.init(describing:)) ?? "no answer")")
    }

    /// Waits until the VM's port is ACTIVE, then takes a DHCP lease in the VM: exactly the port's address.
    func lease(_ vm: VM) async throws {
        try await waitActive(vm.portID)
        let lease = try vm.vm.dhcp()
        try #require(ClusterLifecycleTests.leasedAddress(lease) == vm.vm.ip, "\(vm.vm.name): wanted \(vm.vm.ip), udhcpc said '\(lease)'")
    }

    /// Adds a group admitting ICMP and TCP 8080 from anywhere to the VM's port (besides default).
    func openToOutside(_ vm: VM) async throws -> Opening {
        let group = try await neutron.create("security_group", ["name": "t-outside"])
        let id = try #require(group["id"] as? String, "\(group)")
        _ = try await neutron.create("security_group_rule", ["security_group_id": id, "direction": "ingress", "ethertype": "IPv4", "protocol": "icmp"])
        _ = try await neutron.create("security_group_rule", ["security_group_id": id, "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
                                                             "port_range_min": 8080, "port_range_max": 8080])
        let port = try await neutron.show("port", vm.portID)
        let groups = (port["security_groups"] as? [String] ?? []) + [id]
        let updated = try await neutron.update("port", vm.portID, ["security_groups": groups])
        #expect(Set(updated["security_groups"] as? [String] ?? []) == Set(groups), "\(updated)")
        return Opening(groupID: id, tcpPort: 8080)
    }

    /// The node whose chassis the SB binds `logicalPort` to (for a `cr-lrp-…` port: the active gateway).
    /// `column` `additional_chassis`: where OVN binds it besides (a port being live-migrated).
    func resident(_ logicalPort: String, column: String = "chassis") -> String? {
        guard let chassis = try? cluster.sbctl(["--data=bare", "--no-headings", "--columns=\(column)", "find", "Port_Binding", "logical_port=\(logicalPort)"]),
              !chassis.isEmpty,
              let name = try? cluster.sbctl(["--data=bare", "--no-headings", "--columns=name", "list", "Chassis", chassis]) else { return nil }
        return state.spec.nodes.first { state.systemID($0.name) == name }?.name
    }

    /// The pid in a node's daemon's pid file.
    func pidFile(_ service: String, on node: String) -> Int32? {
        (try? String(contentsOfFile: "\(cluster.layout.runDir(node))/\(service).pid", encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The pid of a node's daemon from its pid file, checked against the supervisor's status.
    func pid(of service: String, on node: String) throws -> Int32 {
        let pid = try #require(pidFile(service, on: node), "no pid file for \(service) on \(node)")
        let supervised = try cluster.status().services.first { $0.node == node && $0.service == service }?.pid
        #expect(supervised == pid, "\(service) on \(node): pid file \(pid), supervisor \(supervised.map(String.init) ?? "none")")
        #expect(ProcessTable.isAlive(pid), "\(service) on \(node): pid \(pid) is not running")
        return pid
    }

    /// The NB's NAT rows as `type,external_ip,logical_ip` lines (for diagnostics and checks).
    func natRows() -> String {
        (try? cluster.nbctl(["--format=csv", "--data=bare", "--no-headings", "--columns=type,external_ip,logical_ip", "list", "NAT"]))
            ?? "(ovn-nbctl failed)"
    }

    /// The fixed IP addresses of a port.
    static func addresses(_ port: [String: Any]) -> [String] {
        (port["fixed_ips"] as? [[String: Any]] ?? []).compactMap { $0["ip_address"] as? String }
    }

    /// Whether `address` is in public's allocation pool (203.0.113.10–250).
    static func inPool(_ address: String) -> Bool {
        guard address.hasPrefix("203.0.113."), let last = Int(address.dropFirst("203.0.113.".count)) else { return false }
        return (10...250).contains(last)
    }
}
