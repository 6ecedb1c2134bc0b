import OVSDB
import ProgramRunner

/// The link facts the agent checks with `ip -j`: a link's MAC, MTU and whether it is up, and an interface's
/// addresses (link-local IPv6 left out: the kernel makes those).
struct LinkState: Sendable, Equatable {
    var mac: String
    var mtu: Int
    var up: Bool
}

/// `ip` run in a namespace (nil: the current one), with its JSON output read.
enum HostLinks {
    /// The state of `link` in `namespace`, or nil when there is no such link.
    static func link(_ link: String, in namespace: String?) async -> LinkState? {
        let result = await Program.probeAsync("ip", inNamespace(namespace, ["-j", "link", "show", "dev", link]))
        guard result.succeeded, let first = (try? JSONParser.parse(result.output))?.array?.first else { return nil }
        let flags = first["flags"]?.array?.compactMap(\.string) ?? []
        return LinkState(mac: first["address"]?.string?.lowercased() ?? "", mtu: first["mtu"]?.int ?? 0, up: flags.contains("UP"))
    }

    /// The addresses of `link` in `namespace` as `address/prefix` (IPv4, and IPv6 other than link-local).
    static func addresses(_ link: String, in namespace: String?) async -> Set<String> {
        let result = await Program.probeAsync("ip", inNamespace(namespace, ["-j", "addr", "show", "dev", link]))
        guard result.succeeded, let first = (try? JSONParser.parse(result.output))?.array?.first else { return [] }
        var out: Set<String> = []
        for info in first["addr_info"]?.array ?? [] {
            guard let local = info["local"]?.string, let prefix = info["prefixlen"]?.int, info["scope"]?.string != "link" else { continue }
            out.insert("\(local)/\(prefix)")
        }
        return out
    }

    /// `ip [-n namespace] arguments…`.
    static func inNamespace(_ namespace: String?, _ arguments: [String]) -> [String] {
        (namespace.map { ["-n", $0] } ?? []) + arguments
    }

    /// `command` run inside `namespace` (`ip netns exec`), or as is in the current one.
    static func exec(_ namespace: String?, _ command: [String]) -> (String, [String]) {
        guard let namespace else { return (command[0], Array(command.dropFirst())) }
        return ("ip", ["netns", "exec", namespace] + command)
    }

    /// Runs a command that must succeed; its failure names the command and what it printed.
    static func run(_ program: String, _ arguments: [String]) async throws(MetadataAgentError) {
        let result = await Program.probeAsync(program, arguments)
        guard result.succeeded else {
            throw .host("\(program) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output.prefix(300))")
        }
    }
}
