import Foundation
import Testing
import ProgramRunner
@testable import ComputeAgent
#if canImport(Glibc)
import Glibc
#endif

/// The guest boot test's network: two namespaces, `gb-<random>-vm` (the instance's, holding `eth0` with
/// the port's MAC, MTU 1442, tx checksum offload off, as the agent leaves it) and `gb-<random>-dhcp`
/// (its veth peer `dhcp0` at 192.168.77.1/24 running busybox `udhcpd`, which offers a lease with a
/// router, MTU 1442 and the classless static routes 169.254.169.254/32 and 0.0.0.0/0 via itself).
/// No end of the veth is ever in the root namespace.
final class GuestBootNetwork {
    let prefix: String
    let directory: URL
    let serverIP = "192.168.77.1"
    let mac = "fa:16:3e:4b:00:07"
    private var udhcpd: RunningProgram?
    private var metadataServer: RunningProgram?

    var vm: String { "\(prefix)-vm" }
    var dhcp: String { "\(prefix)-dhcp" }

    init(prefix: String, directory: URL) {
        self.prefix = prefix
        self.directory = directory
    }

    func up() throws {
        try Program.run("ip", ["netns", "add", vm])
        try Program.run("ip", ["netns", "add", dhcp])
        try Program.run("ip", ["-n", dhcp, "link", "add", "dhcp0", "type", "veth", "peer", "name", "eth0", "netns", vm])
        try Program.run("ip", ["-n", vm, "link", "set", "eth0", "address", mac, "mtu", "1442"])
        try Program.run("ip", ["-n", dhcp, "link", "set", "dhcp0", "mtu", "1442", "up"])
        try Program.run("ip", ["-n", dhcp, "link", "set", "lo", "up"])
        try Program.run("ip", ["-n", dhcp, "addr", "add", "\(serverIP)/24", "dev", "dhcp0"])
        // Kernel-side veth ends send partial checksums to whoever reads them raw: off, as the agent does.
        try Program.run("ip", ["netns", "exec", vm, "ethtool", "-K", "eth0", "tx", "off"])
        try Program.run("ip", ["netns", "exec", dhcp, "ethtool", "-K", "dhcp0", "tx", "off"])
        let leases = directory.appendingPathComponent("udhcpd.leases")
        _ = FileManager.default.createFile(atPath: leases.path, contents: nil)
        let config = """
            start 192.168.77.10
            end 192.168.77.20
            interface dhcp0
            max_leases 10
            lease_file \(leases.path)
            pidfile \(directory.appendingPathComponent("udhcpd.pid").path)
            option subnet 255.255.255.0
            option router \(serverIP)
            option mtu 1442
            option lease 3600
            option staticroutes 169.254.169.254/32 \(serverIP), 0.0.0.0/0 \(serverIP)

            """
        let configFile = directory.appendingPathComponent("udhcpd.conf")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        udhcpd = try Program.start("ip", ["netns", "exec", dhcp, "busybox", "udhcpd", "-f", configFile.path],
                                   logFile: directory.appendingPathComponent("udhcpd.log").path)
    }

    /// Serves `files` (path under the metadata root → contents) on 169.254.169.254:80 from the DHCP
    /// namespace with busybox httpd, a stand-in for the metadata service (a directory's listing is its
    /// `index.html`).
    func serveMetadata(_ files: [String: String]) throws {
        let root = directory.appendingPathComponent("metadata")
        for (path, contents) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: file, atomically: true, encoding: .utf8)
        }
        try Program.run("ip", ["-n", dhcp, "addr", "add", "169.254.169.254/32", "dev", "dhcp0"])
        metadataServer = try Program.start("ip", ["netns", "exec", dhcp, "busybox", "httpd", "-f", "-p", "169.254.169.254:80", "-h", root.path],
                                           logFile: directory.appendingPathComponent("httpd.log").path)
    }

    /// `ip netns exec <ns> program arguments…` with its status and output.
    func exec(_ namespace: String, _ program: String, _ arguments: [String]) -> ProgramResult {
        Program.probe("ip", ["netns", "exec", namespace, program] + arguments)
    }

    /// Stops udhcpd and httpd and deletes both namespaces (which deletes the veth pair).
    func down() {
        for server in [udhcpd, metadataServer].compactMap({ $0 }) {
            kill(server.pid, SIGTERM)
            server.waitUntilExit()
        }
        udhcpd = nil
        metadataServer = nil
        _ = Program.probe("ip", ["netns", "delete", vm])
        _ = Program.probe("ip", ["netns", "delete", dhcp])
    }

    /// Whether either namespace still exists.
    var anyNamespaceLeft: Bool {
        let list = Program.probe("ip", ["netns", "list"]).output
        return list.split(separator: "\n").contains { $0.hasPrefix(vm) || $0.hasPrefix(dhcp) }
    }
}
