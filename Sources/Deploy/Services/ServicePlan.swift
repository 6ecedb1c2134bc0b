/// Every daemon of a cluster, as `ServiceDefinition`s, in start order.
public struct ServicePlan: Sendable {
    public let state: ClusterState
    public let layout: StateLayout

    public init(state: ClusterState, layout: StateLayout) {
        self.state = state
        self.layout = layout
    }

    /// All services, databases first.
    public var services: [ServiceDefinition] {
        state.spec.nodes.flatMap { node in ServiceKind.services(for: node).map { definition($0, on: node) } }
            .sorted { $0.kind.wave < $1.kind.wave }
    }

    /// The definition of one service.
    public func definition(_ kind: ServiceKind, on node: NodeSpec) -> ServiceDefinition {
        let n = node.name
        let run = layout.runDir(n), db = layout.dbDir(n), log = layout.logDir(n)
        let base = ServiceDefinition.baseName(kind)
        let common = ["--pidfile=\(run)/\(base).pid", "--log-file=\(log)/\(kind.rawValue).log", "-vconsole:off"]
        let unixctl = ["--unixctl=\(run)/\(base).ctl"]
        let address = state.spec.address(of: node)
        var program: String
        var arguments: [String]
        var ready: String?
        var database: (String, String)?
        switch kind {
        case .ovsDB:
            program = "ovsdb-server"
            arguments = ["\(db)/conf.db", "--remote=punix:\(layout.ovsSocket(n))"] + common + unixctl
            ready = layout.ovsSocket(n)
            database = ("\(db)/conf.db", "/usr/share/openvswitch/vswitch.ovsschema")
        case .nbDB, .sbDB:
            let nb = kind == .nbDB
            program = "ovsdb-server"
            let socket = nb ? layout.nbSocket(n) : layout.sbSocket(n)
            arguments = ["\(db)/\(base).db", "--remote=punix:\(socket)", "--remote=ptcp:\(nb ? 6641 : 6642):\(address)"]
                + common + unixctl
            ready = socket
            database = ("\(db)/\(base).db", nb ? "/usr/share/ovn/ovn-nb.ovsschema" : "/usr/share/ovn/ovn-sb.ovsschema")
        case .northd:
            program = "ovn-northd"
            arguments = ["--ovnnb-db=unix:\(layout.nbSocket(n))", "--ovnsb-db=unix:\(layout.sbSocket(n))"] + common + unixctl
            ready = "\(run)/\(base).ctl"
        case .vswitchd:
            program = "ovs-vswitchd"
            arguments = ["unix:\(layout.ovsSocket(n))"] + common + unixctl
            ready = "\(run)/\(base).ctl"
        case .controller:
            program = "ovn-controller"
            arguments = ["unix:\(layout.ovsSocket(n))"] + common
            ready = nil
        case .identity:
            return identity(on: node)
        case .network:
            return network(on: node)
        case .image:
            return image(on: node)
        case .compute:
            return compute(on: node)
        case .computeAgent:
            return computeAgent(on: node)
        case .metadata:
            return metadata(on: node)
        case .metadataAgent:
            return metadataAgent(on: node)
        }
        return ServiceDefinition(
            node: n, kind: kind, netns: state.names.netns(n), program: program, arguments: arguments,
            environment: layout.daemonEnvironment(n), pidFile: "\(run)/\(base).pid",
            outputFile: "\(log)/\(kind.rawValue).out", readyPath: ready, database: database)
    }

    /// `ovnstack serve identity` on 127.0.0.1: public endpoints on 127.0.0.1 for the host shell, internal
    /// ones on the controller's underlay address for agents.
    func identity(on node: NodeSpec) -> ServiceDefinition {
        let ports = state.ports
        return loopbackAPI(.identity, on: node, port: ports.identity, stateDir: layout.identityDir(node.name), [
            "--public-endpoint-host", "127.0.0.1", "--internal-endpoint-host", state.spec.address(of: node),
            "--cluster", state.spec.name,
        ] + ports.catalogArguments, identityClient: false)
    }

    /// `ovnstack serve network` on 127.0.0.1: the NB and SB through the control node's unix sockets,
    /// `physnet1` as the flat provider network, events to compute.
    func network(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports
        return loopbackAPI(.network, on: node, port: ports.network, stateDir: layout.networkDir(n), [
            "--nb", "unix:\(layout.nbSocket(n))", "--sb", "unix:\(layout.sbSocket(n))", "--flat-network", state.spec.external.physnet,
            "--underlay-mtu", String(state.spec.underlayMTU), "--compute-url", "http://127.0.0.1:\(ports.compute)/v2.1",
            "--dns-domain", state.spec.dnsDomain,
        ])
    }

    /// `ovnstack serve image` on 127.0.0.1.
    func image(on node: NodeSpec) -> ServiceDefinition {
        loopbackAPI(.image, on: node, port: state.ports.image, stateDir: layout.imageDir(node.name), [])
    }

    /// `ovnstack serve compute` on 127.0.0.1, beside image and network, whose URLs it is given.
    func compute(on node: NodeSpec) -> ServiceDefinition {
        let ports = state.ports
        return loopbackAPI(.compute, on: node, port: ports.compute, stateDir: layout.computeDir(node.name), [
            "--image-url", "http://127.0.0.1:\(ports.image)", "--network-url", "http://127.0.0.1:\(ports.network)",
        ])
    }

    /// `ovnstack serve metadata` (nova-metadata) on 127.0.0.1: instance data from compute, requests signed
    /// with the cluster's metadata secret.
    func metadata(on node: NodeSpec) -> ServiceDefinition {
        let ports = state.ports
        return loopbackAPI(.metadata, on: node, port: ports.metadata, stateDir: nil, [
            "--shared-secret-file", layout.metadataSecretFile(node.name), "--compute-url", "http://127.0.0.1:\(ports.compute)/v2.1",
        ])
    }

    /// One of the API services in the root namespace on 127.0.0.1 (`ovnstack serve <kind>`), a client of
    /// identity as admin unless it is identity. Its pid file is written once it serves: the ready marker.
    private func loopbackAPI(_ kind: ServiceKind, on node: NodeSpec, port: Int, stateDir: String?, _ extra: [String],
                             identityClient: Bool = true) -> ServiceDefinition {
        let n = node.name, base = ServiceDefinition.baseName(kind)
        let pidFile = "\(layout.runDir(n))/\(base).pid"
        let identity = identityClient
            ? ["--identity-url", "http://127.0.0.1:\(state.ports.identity)", "--identity-password-file", layout.adminPasswordFile(n)] : []
        let arguments = ["serve", kind.rawValue] + (stateDir.map { ["--state-dir", $0] } ?? []) + ["--listen", "127.0.0.1:\(port)"]
            + extra + identity + ["--pidfile=\(pidFile)"]
        var definition = ServiceDefinition(
            node: n, kind: kind, netns: nil, program: Executables.current, arguments: arguments,
            environment: ["HOME": stateDir ?? layout.nodeDir(n)], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/\(base).out", readyPath: pidFile, database: nil)
        definition.listenPort = port
        return definition
    }

    /// `ovnstack serve compute-agent` for a compute node: in the root namespace (it reaches the APIs on
    /// loopback and makes the instances' namespaces), its node's OVS through that node's socket, the
    /// node's capacity from the spec; its pid file is written once it has registered its hypervisor.
    func computeAgent(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports
        let capacity = node.capacity
        return nodeAgent(.computeAgent, on: node, stateDir: layout.agentDir(n), [
            "--host", n, "--node-netns", state.names.netns(n), "--netns-prefix", "\(state.names.netns(n))-vm",
            "--ovs-db", "unix:\(layout.ovsSocket(n))", "--listen", "127.0.0.1:0",
            "--compute-url", "http://127.0.0.1:\(ports.compute)/v2.1", "--network-url", "http://127.0.0.1:\(ports.network)",
            "--image-url", "http://127.0.0.1:\(ports.image)", "--vcpus", String(capacity.vcpus), "--memory-mb", String(capacity.memoryMB),
            "--disk-gb", String(capacity.diskGB), "--host-ip", state.spec.address(of: node),
            "--identity-url", "http://127.0.0.1:\(ports.identity)", "--identity-password-file", layout.adminPasswordFile(state.spec.controlNode.name),
        ])
    }

    /// `ovnstack serve metadata-agent` for a compute node: the node's OVS and the control node's SB through
    /// their sockets, metadata namespaces named `<node netns>-meta-<network>` (names are global on the
    /// kernel the emulated nodes share), requests forwarded to the metadata service on loopback.
    func metadataAgent(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, control = state.spec.controlNode.name
        return nodeAgent(.metadataAgent, on: node, stateDir: layout.metadataAgentDir(n), [
            "--host", n, "--node-netns", state.names.netns(n), "--netns-prefix", "\(state.names.netns(n))-meta",
            "--ovs-db", "unix:\(layout.ovsSocket(n))", "--sb", "unix:\(layout.sbSocket(control))",
            "--metadata-url", "http://127.0.0.1:\(state.ports.metadata)", "--shared-secret-file", layout.metadataSecretFile(control),
        ])
    }

    /// An agent of a compute node, in the host's namespaces (`hostMounts`); its pid file is the ready marker.
    private func nodeAgent(_ kind: ServiceKind, on node: NodeSpec, stateDir: String, _ arguments: [String]) -> ServiceDefinition {
        let n = node.name, base = ServiceDefinition.baseName(kind)
        let pidFile = "\(layout.runDir(n))/\(base).pid"
        var definition = ServiceDefinition(
            node: n, kind: kind, netns: nil, program: Executables.current,
            arguments: ["serve", kind.rawValue] + arguments + ["--state-dir", stateDir, "--pidfile=\(pidFile)"],
            environment: ["HOME": stateDir], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/\(base).out", readyPath: pidFile, database: nil)
        definition.hostMounts = true
        return definition
    }
}
