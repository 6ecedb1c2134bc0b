/// What a node's Open_vSwitch database must hold, as data: the chassis' `external_ids` and the
/// bridges with their ports (the layout of the reference recipe, userspace datapath).
public struct ChassisConfig: Sendable, Hashable {
    /// An OVS bridge and the ports ovnstack owns on it.
    public struct Bridge: Sendable, Hashable {
        public var name: String
        public var datapathType = "netdev"
        public var failMode: String?
        public var otherConfig: [String: String] = ["disable-in-band": "true"]
        /// Port name → interface type ("" for a system device such as a veth).
        public var ports: [String: String] = [:]
    }

    public var externalIDs: [String: String]
    public var bridges: [Bridge]

    /// The configuration of one node of a resolved cluster.
    public init(state: ClusterState, node: NodeSpec) {
        let spec = state.spec
        let control = spec.address(of: spec.controlNode)
        var ids = [
            "system-id": state.systemID(node.name),
            "hostname": node.name,
            "ovn-remote": "tcp:\(control):6642",
            "ovn-nb": "tcp:\(control):6641",
            "ovn-encap-type": spec.encap,
            "ovn-encap-ip": spec.address(of: node),
            "ovn-bridge-datapath-type": "netdev",
        ]
        var integration = Bridge(name: Names.integrationBridge)
        integration.failMode = "secure"
        integration.ports = [Names.integrationBridge: "internal"]
        var physical = Bridge(name: Names.physicalBridge)
        physical.otherConfig["hwaddr"] = Names.physicalMAC(for: spec.address(of: node))
        physical.ports = [Names.physicalBridge: "internal", Names.uplink: ""]
        var bridges = [integration, physical]
        if node.has(.gateway) {
            ids["ovn-cms-options"] = "enable-chassis-as-gw"
            ids["ovn-bridge-mappings"] = "\(spec.external.physnet):\(spec.external.bridge)"
            var provider = Bridge(name: spec.external.bridge)
            provider.ports = [spec.external.bridge: "internal", Names.externalPort: ""]
            bridges.append(provider)
        }
        self.externalIDs = ids
        self.bridges = bridges
    }
}
