import Foundation
import Testing
@testable import Deploy

@Suite("cluster spec")
struct ClusterSpecTests {
    @Test("no file: ctl (control + gateway) and c1, c2 on 172.30.99.10–12")
    func defaults() throws {
        let spec = try ClusterSpec().resolved()
        #expect(spec.name == "ovnstack")
        #expect(spec.nodes.map(\.name) == ["ctl", "c1", "c2"])
        #expect(spec.nodes.map(\.address) == ["172.30.99.10", "172.30.99.11", "172.30.99.12"])
        #expect(spec.controlNode.roles == [.control, .gateway])
        #expect(spec.external.physnet == "physnet1" && spec.external.bridge == "br-ex")
        #expect(spec.external.router == "203.0.113.254")
        #expect(spec.encap == "geneve" && spec.mtu == 1442 && spec.underlayMTU == 1500)
    }

    @Test("--computes N replaces the compute nodes")
    func computes() throws {
        var spec = ClusterSpec()
        spec.setComputes(4)
        #expect(try spec.resolved().nodes.map(\.name) == ["ctl", "c1", "c2", "c3", "c4"])
        spec.setComputes(0)
        #expect(try spec.resolved().nodes.map(\.name) == ["ctl"])
    }

    @Test("YAML: every field optional, given ones win")
    func yaml() throws {
        #expect(try ClusterSpec.parse(yaml: "") == ClusterSpec())
        let spec = try ClusterSpec.parse(yaml: """
            name: lab
            underlay: {cidr: 10.9.0.0/24}
            external: {cidr: 198.51.100.0/24}
            nodes:
              - {name: ctl, roles: [control, gateway]}
              - {name: gw2, roles: [gateway], address: 10.9.0.50}
              - {name: c1}
            """).resolved()
        #expect(spec.name == "lab")
        #expect(spec.nodes.map(\.address) == ["10.9.0.10", "10.9.0.50", "10.9.0.12"])
        #expect(spec.nodes[2].roles == [.compute])
        #expect(spec.external.router == "198.51.100.254")
        #expect(spec.mtu == 1442 && spec.dnsDomain == "openstacklocal.")
        let again = try ClusterSpec.parse(yaml: try spec.yaml())
        #expect(again == spec)
        let named = try ClusterSpec.parse(yaml: "dns_domain: example.org.").resolved()
        #expect(named.dnsDomain == "example.org.")
        let network = ServicePlan(state: ClusterState(spec: named, runtime: .process), layout: StateLayout(root: "/tmp/x")).services
            .first { $0.kind == .network }
        #expect(network?.arguments.joined(separator: " ").contains("--dns-domain example.org.") == true, "\(String(describing: network))")
        for bad in ["example.org", "bad domain.", "a..b.", "-a.org.", "example.123."] {
            #expect(throws: DeployError.self, "\(bad)") { try ClusterSpec.parse(yaml: "dns_domain: '\(bad)'").resolved() }
        }
    }

    @Test("names that would break interface names or namespaces are refused")
    func validation() {
        var spec = ClusterSpec()
        spec.nodes.append(NodeSpec(name: "averylongnodename", roles: [.compute]))
        #expect(throws: DeployError.self) { try spec.resolved() }
        spec = ClusterSpec()
        spec.nodes.append(NodeSpec(name: "ul", roles: [.compute]))
        #expect(throws: DeployError.self) { try spec.resolved() }
        spec = ClusterSpec()
        spec.name = "Bad_Name"
        #expect(throws: DeployError.self) { try spec.resolved() }
        spec = ClusterSpec()
        spec.nodes[0].roles = [.compute]
        #expect(throws: DeployError.self) { try spec.resolved() }
        spec = ClusterSpec()
        spec.nodes[1].address = "10.1.1.1"
        #expect(throws: DeployError.self) { try spec.resolved() }
    }

    @Test("every interface name fits IFNAMSIZ; namespaces carry the cluster name")
    func names() throws {
        let spec = try ClusterSpec.standard(name: "t123456", computes: 2).resolved()
        let names = Names(cluster: spec.name)
        #expect(names.netns("c1") == "t123456-c1")
        #expect(names.underlayNetns == "t123456-ul" && names.externalNetns == "t123456-ext")
        let longest = "abcdefghijk"
        for name in [Names.underlayPort(longest), Names.gatewayPort(longest), Names.uplink, Names.externalPort, Names.externalBridge] {
            #expect(name.count <= 15, "\(name)")
        }
        #expect(Names.physicalMAC(for: "172.30.99.10") == "02:00:ac:1e:63:0a")
    }

    @Test("system ids are UUIDs kept across ups, with distinct 6-character prefixes (tunnel port names)")
    func systemIDs() throws {
        var spec = try ClusterSpec.standard(computes: 30).resolved()
        let first = ClusterState(spec: spec, runtime: .process)
        #expect(Set(first.systemIDs.values.map { $0.prefix(6) }).count == 31)
        #expect(first.systemIDs.values.allSatisfy { UUID(uuidString: $0) != nil })
        spec.setComputes(31)
        let second = ClusterState(spec: try spec.resolved(), runtime: .process, previous: first)
        for (node, id) in first.systemIDs { #expect(second.systemIDs[node] == id) }
        #expect(second.systemIDs.count == 32)
    }

    @Test("chassis config: the seed's external_ids and bridges, gateway extras only on gateways")
    func chassisConfig() throws {
        let state = ClusterState(spec: try ClusterSpec().resolved(), runtime: .process)
        let ctl = ChassisConfig(state: state, node: state.spec.nodes[0])
        let c1 = ChassisConfig(state: state, node: state.spec.nodes[1])
        #expect(ctl.externalIDs["ovn-cms-options"] == "enable-chassis-as-gw")
        #expect(ctl.externalIDs["ovn-bridge-mappings"] == "physnet1:br-ex")
        #expect(c1.externalIDs["ovn-cms-options"] == nil)
        #expect(c1.externalIDs["ovn-remote"] == "tcp:172.30.99.10:6642")
        #expect(c1.externalIDs["ovn-nb"] == "tcp:172.30.99.10:6641")
        #expect(c1.externalIDs["ovn-encap-ip"] == "172.30.99.11")
        #expect(c1.externalIDs["system-id"] == state.systemID("c1"))
        #expect(ctl.bridges.map(\.name) == ["br-int", "br-phy", "br-ex"])
        #expect(c1.bridges.map(\.name) == ["br-int", "br-phy"])
        #expect(c1.bridges[0].failMode == "secure")
        #expect(c1.bridges[1].ports == ["br-phy": "internal", "eth-ul": ""])
        #expect(c1.bridges[1].otherConfig["hwaddr"] == "02:00:ac:1e:63:0b")
    }

    @Test("service plan: databases first, private dirs, NB/SB on the underlay address")
    func plan() throws {
        let state = ClusterState(spec: try ClusterSpec().resolved(), runtime: .process)
        let plan = ServicePlan(state: state, layout: StateLayout(root: "/tmp/x"))
        let services = plan.services
        #expect(services.count == 21)
        #expect(services.map(\.kind.wave) == services.map(\.kind.wave).sorted())
        let sb = try #require(services.first { $0.kind == .sbDB })
        #expect(sb.arguments.contains("--remote=ptcp:6642:172.30.99.10"))
        #expect(sb.arguments.contains("--remote=punix:/tmp/x/ctl/run/ovnsb_db.sock"))
        let controller = try #require(services.first { $0.kind == .controller && $0.node == "c1" })
        #expect(controller.environment["OVS_RUNDIR"] == "/tmp/x/c1/run")
        #expect(controller.environment["OVN_RUNDIR"] == "/tmp/x/c1/run")
        #expect(controller.controlSocket(pid: 42) == "/tmp/x/c1/run/ovn-controller.42.ctl")
        #expect(!controller.arguments.contains { $0.hasPrefix("--unixctl") })
        let identity = try #require(services.first { $0.kind == .identity })
        #expect(identity.node == "ctl" && identity.netns == nil && identity.listenPort == 5000)
        // Only services the cluster runs are in the catalog: identity registers itself, network, image and compute are the others.
        #expect(identity.arguments.filter { $0 == "--service" }.count == 3)
        for pair in [["--listen", "127.0.0.1:5000"], ["--internal-endpoint-host", "172.30.99.10"], ["--service", "network:9696"],
                     ["--service", "image:9292"], ["--service", "compute:8774/v2.1"]] {
            #expect(identity.arguments.indices.contains { Array(identity.arguments[$0...].prefix(2)) == pair }, "\(identity.arguments)")
        }
        #expect(identity.arguments.contains("--pidfile=/tmp/x/ctl/run/identity.pid"))

        // network: on ctl only, loopback, after the NB and identity (wave 0), pid file as the ready marker.
        let network = try #require(services.first { $0.kind == .network })
        #expect(services.filter { $0.kind == .network }.count == 1)
        #expect(network.node == "ctl" && network.netns == nil && network.listenPort == 9696)
        #expect(network.kind.wave > ServiceKind.nbDB.wave && network.kind.wave > ServiceKind.identity.wave)
        #expect(network.readyPath == "/tmp/x/ctl/run/network.pid" && network.pidFile == "/tmp/x/ctl/run/network.pid")
        #expect(network.arguments == [
            "serve", "network", "--state-dir", "/tmp/x/ctl/network", "--listen", "127.0.0.1:9696",
            "--nb", "unix:/tmp/x/ctl/run/ovnnb_db.sock", "--sb", "unix:/tmp/x/ctl/run/ovnsb_db.sock", "--flat-network", "physnet1",
            "--underlay-mtu", "1500", "--compute-url", "http://127.0.0.1:8774/v2.1", "--dns-domain", "openstacklocal.",
            "--identity-url", "http://127.0.0.1:5000",
            "--identity-password-file", "/tmp/x/ctl/identity/admin-password", "--pidfile=/tmp/x/ctl/run/network.pid",
        ])

        // image: on ctl only, loopback, after identity, pid file as the ready marker.
        let image = try #require(services.first { $0.kind == .image })
        #expect(services.filter { $0.kind == .image }.count == 1)
        #expect(image.node == "ctl" && image.netns == nil && image.listenPort == 9292 && image.kind.wave > ServiceKind.identity.wave)
        #expect(image.arguments == [
            "serve", "image", "--state-dir", "/tmp/x/ctl/image", "--listen", "127.0.0.1:9292",
            "--identity-url", "http://127.0.0.1:5000", "--identity-password-file", "/tmp/x/ctl/identity/admin-password",
            "--pidfile=/tmp/x/ctl/run/image.pid",
        ])

        // compute on ctl beside image and network; an agent per compute node, in the host's mount namespace
        // (it makes namespaces and containers), on its node's OVS, after the API.
        let compute = try #require(services.first { $0.kind == .compute })
        #expect(compute.node == "ctl" && compute.listenPort == 8774 && compute.arguments.contains("http://127.0.0.1:9292"))
        let agents = services.filter { $0.kind == .computeAgent }
        #expect(agents.map(\.node) == ["c1", "c2"] && agents.allSatisfy { $0.hostMounts && $0.netns == nil })
        #expect(agents.allSatisfy { $0.kind.wave > compute.kind.wave })
        let c1 = try #require(agents.first)
        for pair in [["--host", "c1"], ["--node-netns", "ovnstack-c1"], ["--ovs-db", "unix:/tmp/x/c1/run/db.sock"], ["--vcpus", "8"]] {
            #expect(c1.arguments.indices.contains { Array(c1.arguments[$0...].prefix(2)) == pair }, "\(c1.arguments)")
        }

        // nova-metadata on ctl (not in the catalog), a metadata agent per compute node beside its compute agent,
        // both reading the one secret file; the agents' namespaces are per node.
        let metadata = try #require(services.first { $0.kind == .metadata })
        #expect(metadata.node == "ctl" && metadata.listenPort == 8775 && metadata.readyPath == "/tmp/x/ctl/run/metadata.pid")
        #expect(metadata.arguments.starts(with: ["serve", "metadata", "--listen", "127.0.0.1:8775", "--shared-secret-file", "/tmp/x/ctl/metadata-secret"]))
        let metadataAgents = services.filter { $0.kind == .metadataAgent }
        #expect(metadataAgents.map(\.node) == ["c1", "c2"] && metadataAgents.allSatisfy { $0.hostMounts && $0.kind.wave > metadata.kind.wave })
        let m2 = try #require(metadataAgents.last)
        for pair in [["--netns-prefix", "ovnstack-c2-meta"], ["--sb", "unix:/tmp/x/ctl/run/ovnsb_db.sock"],
                     ["--ovs-db", "unix:/tmp/x/c2/run/db.sock"], ["--metadata-url", "http://127.0.0.1:8775"],
                     ["--shared-secret-file", "/tmp/x/ctl/metadata-secret"], ["--state-dir", "/tmp/x/c2/metadata-agent"]] {
            #expect(m2.arguments.indices.contains { Array(m2.arguments[$0...].prefix(2)) == pair }, "\(m2.arguments)")
        }
    }
}
