import ProgramRunner
/// Network namespaces on this host, through iproute2. Namespaces are created and deleted here
/// (on the host); daemons and containers only join them.
public enum Netns {
    /// Names of the namespaces under /run/netns.
    public static func list() -> Set<String> {
        let out = Program.probe("ip", ["netns", "list"]).output
        return Set(out.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// Creates `name` with its loopback up, unless it exists.
    public static func ensure(_ name: String, existing: Set<String>) throws {
        guard !existing.contains(name) else { return }
        try Host.run("ip", ["netns", "add", name])
        try Host.run("ip", ["-n", name, "link", "set", "lo", "up"])
    }

    /// Deletes `name` if it exists; links inside it go with it.
    public static func delete(_ name: String) {
        _ = Program.probe("ip", ["netns", "del", name])
    }

    /// Pids of processes whose network namespace is `name`.
    public static func pids(_ name: String) -> [Int32] {
        Program.probe("ip", ["netns", "pids", name]).output.split(separator: "\n").compactMap { Int32($0) }
    }

    /// Runs `ip -n <name> ARGS`.
    @discardableResult
    public static func ip(_ name: String, _ arguments: [String]) throws -> String {
        try Host.run("ip", ["-n", name] + arguments)
    }

    /// Whether link `link` exists in `name`.
    public static func hasLink(_ name: String, _ link: String) -> Bool {
        Program.probe("ip", ["-n", name, "link", "show", link]).succeeded
    }

    /// Runs a program inside `name` (`ip netns exec`).
    @discardableResult
    public static func exec(_ name: String, _ program: String, _ arguments: [String]) throws -> String {
        try Host.run("ip", ["netns", "exec", name, program] + arguments)
    }

    /// Turns off TX checksum offload on a veth end the kernel transmits from: OVS reads veths
    /// over AF_PACKET without vnet headers, so partial checksums would reach the wire and TCP fails.
    public static func disableTxOffload(_ name: String, _ link: String) {
        _ = Program.probe("ip", ["netns", "exec", name, "ethtool", "-K", link, "tx", "off"])
    }
}
