import Foundation
import OVSDB
import OVSDBTestSupport
import ProgramRunner
#if canImport(Glibc)
import Glibc
#endif

/// A real one-node OVN for the agent's tests: NB and SB ovsdb-servers, ovn-northd, and a node namespace
/// `<name>-node` whose own Open_vSwitch ovsdb-server, ovs-vswitchd (userspace datapath) and ovn-controller
/// make it a chassis (`system-id` = a fresh UUID). Nothing gets an address outside its namespaces; every
/// process is stopped by pid and every namespace deleted by `destroy()`.
final class TestOVN: @unchecked Sendable {
    let name: String
    let directory: String
    let nb: TestOVSDBServer
    let sb: TestOVSDBServer
    let ovs: TestOVSDBServer
    let systemID = UUID().uuidString.lowercased()
    var node: String { "\(name)-node" }
    private var processes: [(RunningProgram, String?)] = []
    private var namespaces: [String] = []

    static var canRun: Bool {
        getuid() == 0 && ["ovsdb-server", "ovn-northd", "ovn-controller", "ovs-vswitchd", "ovs-vsctl", "ovn-nbctl", "ip", "ethtool", "curl"]
            .allSatisfy { Program.find($0) != nil }
    }

    init(name: String) throws {
        self.name = name
        nb = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
        sb = try TestOVSDBServer(schema: TestOVSDBServer.southboundSchema)
        ovs = try TestOVSDBServer(schema: TestOVSDBServer.vswitchSchema)
        directory = ovs.directory
        try nb.tool("ovn-nbctl", ["--no-wait", "init"])
        try start("ovn-northd", ["--ovnnb-db=unix:\(nb.socketPath)", "--ovnsb-db=unix:\(sb.socketPath)", "--unixctl=\(directory)/northd.ctl",
                                 "--log-file=\(directory)/northd.log", "-vconsole:off", "--no-chdir"], control: "\(directory)/northd.ctl")
        try addNamespace(node)
        try ovs.tool("ovs-vsctl", ["--no-wait", "init"])
        let env = ["env", "OVS_RUNDIR=\(directory)", "OVN_RUNDIR=\(directory)"]
        try start("ip", ["netns", "exec", node] + env + ["ovs-vswitchd", "unix:\(ovs.socketPath)", "--unixctl=\(directory)/vswitchd.ctl",
                                                         "--log-file=\(directory)/vswitchd.log", "-vconsole:off", "--no-chdir"],
                  control: "\(directory)/vswitchd.ctl")
        try ovs.tool("ovs-vsctl", ["set", "Open_vSwitch", ".", "external_ids:system-id=\(systemID)", "external_ids:hostname=\(node)",
                                   "external_ids:ovn-remote=unix:\(sb.socketPath)", "external_ids:ovn-encap-type=geneve",
                                   "external_ids:ovn-encap-ip=127.0.0.1", "external_ids:ovn-bridge-datapath-type=netdev"])
        try ovs.tool("ovs-vsctl", ["--", "--may-exist", "add-br", "br-int", "--", "set", "Bridge", "br-int", "datapath_type=netdev",
                                   "fail_mode=secure", "other_config:disable-in-band=true"])
        try start("ip", ["netns", "exec", node] + env + ["ovn-controller", "unix:\(ovs.socketPath)", "--log-file=\(directory)/controller.log",
                                                         "-vconsole:off", "--no-chdir"], control: nil)
        try waitUntil("the chassis registers in the SB") {
            (try? self.sb.tool("ovn-sbctl", ["--bare", "--columns=name", "list", "Chassis_Private"]))?.contains(self.systemID) == true
        }
    }

    /// Creates a namespace (lo up) that `destroy()` deletes.
    func addNamespace(_ ns: String) throws {
        try Program.run("ip", ["netns", "add", ns])
        namespaces.append(ns)
        try Program.run("ip", ["-n", ns, "link", "set", "lo", "up"])
    }

    private func start(_ program: String, _ arguments: [String], control: String?) throws {
        processes.append((try Program.start(program, arguments), control))
    }

    /// `ovn-nbctl` on the NB.
    @discardableResult
    func nbctl(_ arguments: [String]) throws -> String { try nb.tool("ovn-nbctl", arguments) }

    /// `ovn-sbctl` on the SB.
    @discardableResult
    func sbctl(_ arguments: [String]) throws -> String { try sb.tool("ovn-sbctl", arguments) }

    /// `ovs-vsctl` on the node's Open_vSwitch.
    @discardableResult
    func vsctl(_ arguments: [String]) throws -> String { try ovs.tool("ovs-vsctl", arguments) }

    /// A guest: namespace `<name>-<label>` holding `eth0` (MAC, IP/24, MTU 1442, tx offload off, a route to
    /// 169.254.169.254 via `metadataIP`), its veth peer `<veth>` a br-int port bound to `ifaceID`.
    func plugGuest(_ label: String, veth: String, mac: String, cidr: String, metadataIP: String, ifaceID: String) throws -> String {
        let ns = "\(name)-\(label)"
        try addNamespace(ns)
        try Program.run("ip", ["-n", node, "link", "add", veth, "mtu", "1442", "type", "veth", "peer", "name", "eth0", "mtu", "1442", "netns", ns])
        try Program.run("ip", ["-n", ns, "link", "set", "eth0", "address", mac, "up"])
        try Program.run("ip", ["-n", node, "link", "set", veth, "up"])
        try Program.run("ip", ["-n", ns, "addr", "add", cidr, "dev", "eth0"])
        try Program.run("ip", ["-n", ns, "route", "add", "169.254.169.254/32", "via", metadataIP])
        _ = Program.probe("ip", ["netns", "exec", ns, "ethtool", "-K", "eth0", "tx", "off"])
        _ = Program.probe("ip", ["netns", "exec", node, "ethtool", "-K", veth, "tx", "off"])
        try vsctl(["--", "--may-exist", "add-port", "br-int", veth, "--", "set", "Interface", veth, "external_ids:iface-id=\(ifaceID)",
                   "mtu_request=1442"])
        return ns
    }

    /// Runs a program inside a namespace.
    func exec(_ ns: String, _ program: String, _ arguments: [String]) -> ProgramResult {
        Program.probe("ip", ["netns", "exec", ns, program] + arguments)
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    func waitUntil(_ what: String, seconds: Double = 20, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            usleep(100_000)
        }
        throw ProgramFailure(command: "wait: \(what)", status: 1, output: "not within \(seconds) s")
    }

    /// Stops every daemon (ovs-appctl exit, else SIGKILL, by pid), deletes the namespaces and the databases.
    func destroy() {
        for (process, control) in processes.reversed() where process.isRunning {
            var asked = false
            if let control { asked = Program.probe("ovs-appctl", ["-t", control, "exit"]).succeeded }
            if !asked, process.pid > 0 {
                let ctl = "\(directory)/ovn-controller.\(process.pid).ctl"
                asked = FileManager.default.fileExists(atPath: ctl) && Program.probe("ovs-appctl", ["-t", ctl, "exit"]).succeeded
            }
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.pid, SIGKILL) }
            process.waitUntilExit()
        }
        processes.removeAll()
        for ns in namespaces.reversed() { _ = Program.probe("ip", ["netns", "del", ns]) }
        namespaces.removeAll()
        nb.destroy()
        sb.destroy()
        ovs.destroy()
    }

    deinit { destroy() }
}
