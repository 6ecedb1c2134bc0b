import ProgramRunner

/// Plugs an instance's NICs as os-vif does for a VM tap, with a veth instead of a tap: `tap<port[:11]>` in the
/// node's namespace (where ovs-vswitchd reads it) is a port of `br-int` with the `external_ids` ovn-controller
/// claims it by; its peer is `ethN` in the instance's namespace with the port's MAC and the network's MTU.
/// TX checksum offload is off on both ends (the userspace datapath reads veths without vnet headers).
struct VIFPlugger: Sendable {
    let configuration: AgentConfiguration

    /// The instance's network namespace (`<prefix>-<instance id>`: unique on the kernel the nodes share).
    func namespace(_ instanceID: String) -> String { "\(configuration.namespacePrefix)-\(instanceID)" }

    /// Creates the instance's namespace with lo up (kept if it exists).
    func ensureNamespace(_ instanceID: String) async throws {
        let ns = namespace(instanceID)
        if !(await Program.probeAsync("ip", ["netns", "list"])).output.split(separator: "\n").contains(where: { $0.split(separator: " ").first.map(String.init) == ns }) {
            try await host("ip", ["netns", "add", ns])
        }
        try await host("ip", ["-n", ns, "link", "set", "lo", "up"])
    }

    /// Plugs one NIC (again, if a half-made one exists).
    func plug(_ nic: LocalInstance.NIC, instanceID: String) async throws {
        let ns = namespace(instanceID), tap = nic.tapName
        await unplugLink(tap)
        _ = await Program.probeAsync("ip", ["-n", ns, "link", "del", nic.guestName])
        try await host("ip", nodeIP(["link", "add", tap, "mtu", String(nic.mtu), "type", "veth", "peer", "name", nic.guestName, "mtu",
                                     String(nic.mtu), "netns", ns]))
        try await host("ip", ["-n", ns, "link", "set", nic.guestName, "address", nic.mac])
        try await host("ip", ["-n", ns, "link", "set", nic.guestName, "up"])
        try await host("ip", nodeIP(["link", "set", tap, "up"]))
        _ = await Program.probeAsync("ip", ["netns", "exec", ns, "ethtool", "-K", nic.guestName, "tx", "off"])
        let ethtool = inNode(["ethtool", "-K", tap, "tx", "off"])
        _ = await Program.probeAsync(ethtool[0], Array(ethtool.dropFirst()))
        try await host("ovs-vsctl", vsctl([
            "--", "--may-exist", "add-port", "br-int", tap,
            "--", "set", "Interface", tap, "external_ids:iface-id=\(nic.portID)", "external_ids:iface-status=active",
            "external_ids:attached-mac=\(nic.mac)", "external_ids:vm-uuid=\(instanceID)", "mtu_request=\(nic.mtu)",
        ]))
    }

    /// Removes a NIC's OVS port and veth (both ends go together); nothing left is fine.
    func unplug(_ nic: LocalInstance.NIC) async { await unplugLink(nic.tapName) }

    /// What powering a VM off does to its NICs: the guest's addresses and routes go (the namespace outlives the
    /// guest's processes, and its kernel would otherwise still answer ping on them), and the link is down until
    /// `up` (a reboot) or the next plug (a start).
    func resetGuestNICs(_ nics: [LocalInstance.NIC], instanceID: String, up: Bool) async {
        let ns = namespace(instanceID)
        for nic in nics {
            _ = await Program.probeAsync("ip", ["-n", ns, "addr", "flush", "dev", nic.guestName])
            _ = await Program.probeAsync("ip", ["-n", ns, "link", "set", nic.guestName, "down"])
            if up { _ = await Program.probeAsync("ip", ["-n", ns, "link", "set", nic.guestName, "up"]) }
        }
    }

    /// Deletes the instance's namespace.
    func removeNamespace(_ instanceID: String) async {
        _ = await Program.probeAsync("ip", ["netns", "del", namespace(instanceID)])
    }

    private func unplugLink(_ tap: String) async {
        _ = await Program.probeAsync("ovs-vsctl", vsctl(["--if-exists", "del-port", "br-int", tap]))
        _ = await Program.probeAsync("ip", nodeIP(["link", "del", tap]))
    }

    private func vsctl(_ arguments: [String]) -> [String] { ["--db=\(configuration.ovsDatabase)", "--timeout=10"] + arguments }
    private func nodeIP(_ arguments: [String]) -> [String] { (configuration.nodeNamespace.map { ["-n", $0] } ?? []) + arguments }
    private func inNode(_ command: [String]) -> [String] {
        configuration.nodeNamespace.map { ["ip", "netns", "exec", $0] + command } ?? command
    }

    private func host(_ program: String, _ arguments: [String]) async throws {
        let result = await Program.probeAsync(program, arguments)
        guard result.succeeded else {
            throw AgentError.host("\(program) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output.prefix(300))")
        }
    }
}
