import Deploy
import Foundation
import ProgramRunner

/// A "VM" as the reference recipe plugs one: a namespace whose eth0 is a veth peer of a port on
/// the node's br-int (`external_ids:iface-id`), TX checksum offload off, DHCP by busybox udhcpc.
struct TestVM {
    let cluster: TestCluster
    let name: String
    let node: String
    let mac: String
    let ip: String

    var netns: String { "\(cluster.name)-\(name)" }

    /// Creates the logical port (real ovn-nbctl) and plugs the VM into the node's br-int.
    static func plug(_ cluster: TestCluster, name: String, node: String, mac: String, ip: String, dhcp: String) throws -> TestVM {
        try cluster.nbctl(["lsp-add", "net1", name, "--", "lsp-set-addresses", name, "\(mac) \(ip)",
                           "--", "lsp-set-port-security", name, "\(mac) \(ip)", "--", "lsp-set-dhcpv4-options", name, dhcp])
        return try attach(cluster, name: name, node: node, mac: mac, ip: ip, ifaceID: name)
    }

    /// Plugs the VM into the node's br-int as a compute agent plugs a VIF for an existing logical port
    /// (`iface-id` = the port's name, for a Neutron port its UUID; `attached-mac`; `iface-status=active`).
    static func attach(_ cluster: TestCluster, name: String, node: String, mac: String, ip: String, ifaceID: String) throws -> TestVM {
        let vm = TestVM(cluster: cluster, name: name, node: node, mac: mac, ip: ip)
        let nodeNS = "\(cluster.name)-\(node)"
        try Program.run("ip", ["netns", "add", vm.netns])
        try Program.run("ip", ["-n", vm.netns, "link", "set", "lo", "up"])
        try Program.run("ip", ["-n", nodeNS, "link", "add", "\(name)-p", "type", "veth", "peer", "name", "eth0", "netns", vm.netns])
        try Program.run("ip", ["-n", vm.netns, "link", "set", "eth0", "address", mac])
        try Program.run("ip", ["netns", "exec", vm.netns, "ethtool", "-K", "eth0", "tx", "off"])
        try Program.run("ip", ["-n", vm.netns, "link", "set", "eth0", "up"])
        try Program.run("ip", ["-n", nodeNS, "link", "set", "\(name)-p", "up"])
        try cluster.vsctl(node, ["add-port", "br-int", "\(name)-p", "--", "set", "Interface", "\(name)-p", "external_ids:iface-id=\(ifaceID)",
                                 "external_ids:attached-mac=\"\(mac)\"", "external_ids:iface-status=active"])
        return vm
    }

    /// One DHCP exchange; returns the address udhcpc was offered.
    func dhcp() throws -> String {
        let script = "\(cluster.stateDir)/udhcpc.script"
        if !FileManager.default.fileExists(atPath: script) {
            try TestVM.hook.write(toFile: script, atomically: true, encoding: .utf8)
            try Program.run("chmod", ["+x", script])
        }
        let out = try exec("busybox", ["udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "10", "-T", "1", "-A", "1", "-s", script, "-O", "mtu"])
        return out.split(separator: "\n").first { $0.contains("lease of") }.map(String.init) ?? ""
    }

    /// Runs a program inside the VM.
    @discardableResult
    func exec(_ program: String, _ arguments: [String]) throws -> String {
        try Program.run("ip", ["netns", "exec", netns, program] + arguments)
    }

    /// Starts a long-running program inside the VM (its own pid; output to a file in the state dir).
    func spawn(_ program: String, _ arguments: [String]) throws -> Int32 {
        try Spawn.start(Program.find("ip")!, ["netns", "exec", netns, Program.find(program)!] + arguments,
                        environment: Spawn.environment(), logFile: "\(cluster.stateDir)/\(name)-\(program).out")
    }

    /// Whether one ping to `address` gets an answer within a second.
    func ping(_ address: String) -> Bool {
        Program.probe("ip", ["netns", "exec", netns, "ping", "-n", "-c1", "-W1", "-q", address]).succeeded
    }

    /// A minimal udhcpc hook: address, MTU, router.
    static let hook = """
        #!/bin/sh
        PATH=/usr/sbin:/usr/bin:/sbin:/bin
        case "$1" in
          deconfig) ip -4 addr flush dev "$interface"; ip link set "$interface" up ;;
          bound|renew)
            ip -4 addr flush dev "$interface"
            ip addr add "$ip/$mask" dev "$interface"
            [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
            [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface" ;;
        esac
        exit 0

        """
}
