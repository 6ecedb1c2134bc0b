import Foundation
#if canImport(Glibc)
import Glibc
import ProgramRunner
#endif

/// The OCI bundle ovnstack writes for one service: a read-only rootfs made of binds of the host's
/// /usr and /etc (no image, no registry), joined to the node's network namespace, /run/netns
/// `rbind,rslave` (never rshared: see reference/containers), the node's private run/db/log
/// directories bound at the same paths, and /dev/net/tun for the netdev datapath. A service without a
/// namespace (a loopback API) gets no network namespace entry, i.e. the host's, and read-only binds of
/// the directories its program and libraries live in outside /usr (the ovnstack binary, the Swift runtime).
public struct OCIBundle: Sendable {
    public let service: ServiceDefinition
    public let layout: StateLayout

    public init(service: ServiceDefinition, layout: StateLayout) {
        self.service = service
        self.layout = layout
    }

    /// Container id: `<cluster dir name>-<node>-<service>`, unique per state directory.
    public var id: String {
        let cluster = URL(fileURLWithPath: layout.root).lastPathComponent
        return "ovnstack-\(cluster)-\(service.node)-\(service.kind.rawValue)"
    }

    public var directory: String { "\(layout.root)/bundles/\(service.node)-\(service.kind.rawValue)" }
    /// The shared, empty rootfs skeleton (every content comes from binds).
    public var rootfs: String { "\(layout.root)/rootfs" }
    /// runc's state root for this cluster.
    public var runcRoot: String { "\(layout.root)/runc" }

    /// Writes the rootfs skeleton and config.json.
    public func write() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for dir in ["usr", "etc", "proc", "sys", "dev", "run", "tmp", "var", "\(layout.root.dropFirst())"] + Self.realDirectories {
            try fm.createDirectory(atPath: "\(rootfs)/\(dir)", withIntermediateDirectories: true)
        }
        // Merged-/usr hosts: /bin, /lib… are symlinks into /usr. Bundles are written concurrently,
        // so another writer may have made the link first.
        for link in ["bin", "sbin", "lib", "lib64"] {
            let path = "\(rootfs)/\(link)"
            if let target = try? fm.destinationOfSymbolicLink(atPath: "/\(link)") {
                try? fm.createSymbolicLink(atPath: path, withDestinationPath: target)
                guard (try? fm.destinationOfSymbolicLink(atPath: path)) == target else {
                    throw DeployError.rootfs("\(path) is not a link to \(target)")
                }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: "\(directory)/config.json"), options: .atomic)
    }

    var config: [String: Any] {
        let program = Program.find(service.program) ?? service.program
        var env = service.environment.map { "\($0.key)=\($0.value)" }
        env.append("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let nofile = min(UInt64(limit.rlim_max), 65536)
        let caps = Self.capabilities
        var mounts: [[String: Any]] = [
            ["destination": "/proc", "type": "proc", "source": "proc"],
            ["destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]],
            ["destination": "/dev/pts", "type": "devpts", "source": "devpts",
             "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]],
            ["destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]],
            ["destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]],
            ["destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]],
            ["destination": "/run", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=755"]],
            ["destination": "/usr", "type": "bind", "source": "/usr", "options": ["rbind", "ro", "rprivate"]],
            ["destination": "/etc", "type": "bind", "source": "/etc", "options": ["rbind", "ro", "rprivate"]],
            ["destination": "/run/netns", "type": "bind", "source": "/run/netns", "options": ["rbind", "rslave"]],
        ]
        for dir in Self.realDirectories {
            mounts.append(["destination": "/\(dir)", "type": "bind", "source": "/\(dir)", "options": ["rbind", "ro", "rprivate"]])
        }
        if service.netns == nil {
            for dir in Self.programDirectories(program) {
                mounts.append(["destination": dir, "type": "bind", "source": dir, "options": ["rbind", "ro", "rprivate"]])
            }
        }
        let nodeDir = layout.nodeDir(service.node)
        mounts.append(["destination": nodeDir, "type": "bind", "source": nodeDir, "options": ["rbind", "rw", "rprivate"]])
        return [
            "ociVersion": "1.0.2",
            "root": ["path": rootfs, "readonly": true],
            "hostname": service.node,
            "process": [
                "terminal": false, "user": ["uid": 0, "gid": 0], "cwd": "/",
                "args": [program] + service.arguments, "env": env,
                "capabilities": ["bounding": caps, "effective": caps, "permitted": caps],
                "rlimits": [["type": "RLIMIT_NOFILE", "hard": nofile, "soft": nofile]],
                "noNewPrivileges": false,
            ] as [String: Any],
            "mounts": mounts,
            "linux": [
                // No pid namespace: the daemon keeps its host pid, so its pid file and
                // ovn-controller's `<pid>.ctl` socket mean the same inside and out.
                "namespaces": [["type": "mount"], ["type": "ipc"], ["type": "uts"]]
                    + (service.netns.map { [["type": "network", "path": "/run/netns/\($0)"]] } ?? []),
                "devices": [["path": "/dev/net/tun", "type": "c", "major": 10, "minor": 200, "fileMode": 0o666, "uid": 0, "gid": 0]],
                "resources": ["devices": [["allow": true, "access": "rwm"]]],
            ] as [String: Any],
        ]
    }

    /// The directory of `program` and of every shared library `ldd` resolves for it, except those the
    /// bundle binds anyway (/usr, /etc, /lib…).
    static func programDirectories(_ program: String) -> [String] {
        let libraries = Program.probe("ldd", [program]).output.split(separator: "\n").compactMap { line -> String? in
            guard let arrow = line.range(of: "=> /") else { return nil }
            return line[line.index(before: arrow.upperBound)...].split(separator: " ").first.map(String.init)
        }
        let covered = ["/usr/", "/etc/", "/lib/", "/lib64/", "/bin/", "/sbin/", "/proc/", "/dev/", "/sys/"]
        let dirs = Set(([program] + libraries).map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            .filter { dir in !covered.contains { (dir + "/").hasPrefix($0) } && FileManager.default.fileExists(atPath: dir) })
        return dirs.sorted()
    }

    /// /bin, /sbin, /lib, /lib64 where they are real directories (not merged into /usr): bound read-only.
    static var realDirectories: [String] {
        ["bin", "sbin", "lib", "lib64"].filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/\($0)")) == nil && FileManager.default.fileExists(atPath: "/\($0)")
        }
    }

    /// Everything this host grants root (it lacks CAP_SYS_RESOURCE on some VMs, so ask for what exists).
    static var capabilities: [String] {
        let all = [
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
            "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
            "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
        ]
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("CapBnd:") }
        guard let hex = line?.split(separator: "\t").last, let mask = UInt64(hex, radix: 16) else { return all }
        return all.enumerated().filter { mask & (1 << UInt64($0.offset)) != 0 }.map(\.element)
    }
}
