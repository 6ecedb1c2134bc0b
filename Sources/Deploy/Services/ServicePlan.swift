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
        }
        return ServiceDefinition(
            node: n, kind: kind, netns: state.names.netns(n), program: program, arguments: arguments,
            environment: layout.daemonEnvironment(n), pidFile: "\(run)/\(base).pid",
            outputFile: "\(log)/\(kind.rawValue).out", readyPath: ready, database: database)
    }

    /// `ovnstack serve identity` in the root namespace on 127.0.0.1: public endpoints on 127.0.0.1 for
    /// the host shell, internal ones on the controller's underlay address for agents. Its pid file is
    /// written once it serves, so it is also the ready marker.
    func identity(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports
        let pidFile = "\(layout.runDir(n))/identity.pid"
        let arguments = [
            "serve", "identity", "--state-dir", layout.identityDir(n), "--listen", "127.0.0.1:\(ports.identity)",
            "--public-endpoint-host", "127.0.0.1", "--internal-endpoint-host", state.spec.address(of: node),
            "--cluster", state.spec.name, "--pidfile=\(pidFile)",
        ] + ports.catalogArguments
        var definition = ServiceDefinition(
            node: n, kind: .identity, netns: nil, program: Executables.current, arguments: arguments,
            environment: ["HOME": layout.identityDir(n)], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/identity.out", readyPath: pidFile, database: nil)
        definition.listenPort = ports.identity
        return definition
    }

    /// `ovnstack serve network` in the root namespace on 127.0.0.1: the NB through the control node's
    /// unix socket, tokens checked against identity as admin, `physnet1` as the flat provider network.
    /// Like identity, its pid file is written once it serves and is the ready marker.
    func network(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports
        let pidFile = "\(layout.runDir(n))/network.pid"
        let arguments = [
            "serve", "network", "--state-dir", layout.networkDir(n), "--listen", "127.0.0.1:\(ports.network)",
            "--nb", "unix:\(layout.nbSocket(n))", "--sb", "unix:\(layout.sbSocket(n))", "--identity-url", "http://127.0.0.1:\(ports.identity)",
            "--identity-password-file", layout.adminPasswordFile(n), "--flat-network", state.spec.external.physnet,
            "--underlay-mtu", String(state.spec.underlayMTU), "--compute-url", "http://127.0.0.1:\(ports.compute)/v2.1",
            "--pidfile=\(pidFile)",
        ]
        var definition = ServiceDefinition(
            node: n, kind: .network, netns: nil, program: Executables.current, arguments: arguments,
            environment: ["HOME": layout.networkDir(n)], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/network.out", readyPath: pidFile, database: nil)
        definition.listenPort = ports.network
        return definition
    }

    /// `ovnstack serve image` in the root namespace on 127.0.0.1, tokens checked against identity as admin;
    /// its pid file is the ready marker.
    func image(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports
        let pidFile = "\(layout.runDir(n))/image.pid"
        let arguments = [
            "serve", "image", "--state-dir", layout.imageDir(n), "--listen", "127.0.0.1:\(ports.image)",
            "--identity-url", "http://127.0.0.1:\(ports.identity)", "--identity-password-file", layout.adminPasswordFile(n),
            "--pidfile=\(pidFile)",
        ]
        var definition = ServiceDefinition(
            node: n, kind: .image, netns: nil, program: Executables.current, arguments: arguments,
            environment: ["HOME": layout.imageDir(n)], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/image.out", readyPath: pidFile, database: nil)
        definition.listenPort = ports.image
        return definition
    }

    /// `ovnstack serve compute` in the root namespace on 127.0.0.1, beside image and network, whose URLs it
    /// is given; its pid file is the ready marker.
    func compute(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports
        let pidFile = "\(layout.runDir(n))/compute.pid"
        let arguments = [
            "serve", "compute", "--state-dir", layout.computeDir(n), "--listen", "127.0.0.1:\(ports.compute)",
            "--identity-url", "http://127.0.0.1:\(ports.identity)", "--identity-password-file", layout.adminPasswordFile(n),
            "--image-url", "http://127.0.0.1:\(ports.image)", "--network-url", "http://127.0.0.1:\(ports.network)", "--pidfile=\(pidFile)",
        ]
        var definition = ServiceDefinition(
            node: n, kind: .compute, netns: nil, program: Executables.current, arguments: arguments,
            environment: ["HOME": layout.computeDir(n)], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/compute.out", readyPath: pidFile, database: nil)
        definition.listenPort = ports.compute
        return definition
    }

    /// `ovnstack serve compute-agent` for a compute node: in the root namespace (it reaches the APIs on
    /// loopback and makes the instances' namespaces), its node's OVS through that node's socket, the
    /// node's capacity from the spec; its pid file is written once it has registered its hypervisor.
    func computeAgent(on node: NodeSpec) -> ServiceDefinition {
        let n = node.name, ports = state.ports, control = state.spec.controlNode.name
        let pidFile = "\(layout.runDir(n))/compute-agent.pid"
        let capacity = node.capacity
        let arguments = [
            "serve", "compute-agent", "--host", n, "--node-netns", state.names.netns(n), "--netns-prefix", "\(state.names.netns(n))-vm",
            "--ovs-db", "unix:\(layout.ovsSocket(n))", "--state-dir", layout.agentDir(n), "--listen", "127.0.0.1:0",
            "--compute-url", "http://127.0.0.1:\(ports.compute)/v2.1", "--network-url", "http://127.0.0.1:\(ports.network)",
            "--image-url", "http://127.0.0.1:\(ports.image)", "--vcpus", String(capacity.vcpus), "--memory-mb", String(capacity.memoryMB),
            "--disk-gb", String(capacity.diskGB), "--host-ip", state.spec.address(of: node),
            "--identity-url", "http://127.0.0.1:\(ports.identity)", "--identity-password-file", layout.adminPasswordFile(control),
            "--pidfile=\(pidFile)",
        ]
        var definition = ServiceDefinition(
            node: n, kind: .computeAgent, netns: nil, program: Executables.current, arguments: arguments,
            environment: ["HOME": layout.agentDir(n)], pidFile: pidFile,
            outputFile: "\(layout.logDir(n))/compute-agent.out", readyPath: pidFile, database: nil)
        definition.hostMounts = true
        return definition
    }
}
