import Foundation
import ProgramRunner

/// Makes, checks and removes a network's metadata namespace: the namespace with lo up, the veth
/// `tap…0` (node namespace, a port of the integration bridge bound to the metadata localport by `iface-id`) /
/// `tap…1` (inside, with the port's MAC, the plan's MTU and addresses), TX checksum offload off on both ends
/// (the userspace datapath reads veths without vnet headers; Neutron adds a CHECKSUM rule instead).
/// Every step is idempotent: run on an existing namespace it repairs what differs and never duplicates.
struct NamespacePlumbing: Sendable {
    /// Where `ip netns` keeps its namespaces.
    static let netnsDirectory = "/run/netns"

    let names: MetadataNames
    /// The node's namespace, where its ovs-vswitchd runs (nil: the current one).
    let nodeNamespace: String?
    /// The node's Open_vSwitch database (`unix:<path>`).
    let ovsDatabase: String
    /// The integration bridge.
    let bridge: String

    /// The networks whose namespace (named by this agent's prefix) exists on the kernel.
    func existingNetworks() -> Set<String> {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: Self.netnsDirectory)) ?? []
        return Set(entries.compactMap(names.network(ofNamespace:)))
    }

    /// The inode of a namespace's file: it changes when the namespace is deleted and made again.
    func identity(ofNamespace namespace: String) -> UInt64? {
        var info = stat()
        guard stat("\(Self.netnsDirectory)/\(namespace)", &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// Brings the network's namespace to `plan`; answers whether anything had to be made or changed.
    @discardableResult
    func ensure(_ plan: NetworkPlan) async throws(MetadataAgentError) -> Bool {
        let ns = names.namespace(plan.networkID), outer = names.nodeLink(plan.networkID), inner = names.namespaceLink(plan.networkID)
        var changed = false
        if identity(ofNamespace: ns) == nil {
            try await HostLinks.run("ip", ["netns", "add", ns])
            changed = true
        }
        try await HostLinks.run("ip", ["-n", ns, "link", "set", "lo", "up"])
        var innerState = await HostLinks.link(inner, in: ns)
        var outerState = await HostLinks.link(outer, in: nodeNamespace)
        if innerState == nil || outerState == nil {
            // Half a pair (or none): start again from nothing.
            _ = await Program.probeAsync("ip", HostLinks.inNamespace(nodeNamespace, ["link", "del", outer]))
            _ = await Program.probeAsync("ip", ["-n", ns, "link", "del", inner])
            try await HostLinks.run("ip", HostLinks.inNamespace(nodeNamespace, [
                "link", "add", outer, "mtu", String(plan.mtu), "type", "veth", "peer", "name", inner, "mtu", String(plan.mtu), "netns", ns,
            ]))
            innerState = nil
            outerState = nil
            changed = true
        }
        let wantInner = LinkState(mac: plan.mac, mtu: plan.mtu, up: true)
        if innerState != wantInner {
            try await HostLinks.run("ip", ["-n", ns, "link", "set", "dev", inner, "address", plan.mac, "mtu", String(plan.mtu), "up"])
            changed = true
        }
        if outerState?.mtu != plan.mtu || outerState?.up != true {
            try await HostLinks.run("ip", HostLinks.inNamespace(nodeNamespace, ["link", "set", "dev", outer, "mtu", String(plan.mtu), "up"]))
            changed = true
        }
        if changed { await checksumOffloadOff(ns: ns, inner: inner, outer: outer) }
        let have = await HostLinks.addresses(inner, in: ns), want = Set(plan.addresses)
        for address in want.subtracting(have).sorted() {
            try await HostLinks.run("ip", ["-n", ns, "addr", "add", address, "dev", inner])
            changed = true
        }
        for address in have.subtracting(want).sorted() {
            _ = await Program.probeAsync("ip", ["-n", ns, "addr", "del", address, "dev", inner])
            changed = true
        }
        if try await ensurePort(outer, iface: plan.metadataPort) { changed = true }
        return changed
    }

    /// Turns TX checksum offload off on both veth ends (again: harmless when already off).
    func checksumOffloadOff(ns: String, inner: String, outer: String) async {
        let (p1, a1) = HostLinks.exec(ns, ["ethtool", "-K", inner, "tx", "off"])
        _ = await Program.probeAsync(p1, a1)
        let (p2, a2) = HostLinks.exec(nodeNamespace, ["ethtool", "-K", outer, "tx", "off"])
        _ = await Program.probeAsync(p2, a2)
    }

    /// Makes `outer` a port of the bridge bound to the metadata port; answers whether it had to change.
    private func ensurePort(_ outer: String, iface: String) async throws(MetadataAgentError) -> Bool {
        let bridgeNow = await Program.probeAsync("ovs-vsctl", vsctl(["port-to-br", outer]))
        let ifaceNow = await Program.probeAsync("ovs-vsctl", vsctl(["get", "Interface", outer, "external_ids:iface-id"]))
        let current = ifaceNow.output.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if bridgeNow.succeeded, bridgeNow.output.trimmingCharacters(in: .whitespacesAndNewlines) == bridge, ifaceNow.succeeded, current == iface {
            return false
        }
        if bridgeNow.succeeded, bridgeNow.output.trimmingCharacters(in: .whitespacesAndNewlines) != bridge {
            _ = await Program.probeAsync("ovs-vsctl", vsctl(["--if-exists", "del-port", outer]))
        }
        try await HostLinks.run("ovs-vsctl", vsctl([
            "--", "--may-exist", "add-port", bridge, outer, "--", "set", "Interface", outer, "external_ids:iface-id=\(iface)",
        ]))
        return true
    }

    /// Removes a network's OVS port, veth and namespace (what is already gone is fine).
    func remove(networkID: String) async {
        let outer = names.nodeLink(networkID)
        _ = await Program.probeAsync("ovs-vsctl", vsctl(["--if-exists", "del-port", outer]))
        _ = await Program.probeAsync("ip", HostLinks.inNamespace(nodeNamespace, ["link", "del", outer]))
        _ = await Program.probeAsync("ip", ["netns", "del", names.namespace(networkID)])
    }

    private func vsctl(_ arguments: [String]) -> [String] { ["--db=\(ovsDatabase)", "--timeout=10"] + arguments }
}
