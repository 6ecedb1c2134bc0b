import Foundation
#if canImport(Glibc)
import Glibc
import ProgramRunner
#endif

/// Checks of the machine itself: privileges, programs, kernel, tunnelling, LSM, mounts.
enum HostChecks {
    static let programs: [(String, String)] = [
        ("ovsdb-server", "openvswitch-switch"), ("ovs-vswitchd", "openvswitch-switch"), ("ovs-vsctl", "openvswitch-switch"),
        ("ovs-appctl", "openvswitch-common"), ("ovsdb-tool", "openvswitch-common"), ("ovn-northd", "ovn-central"),
        ("ovn-controller", "ovn-host"), ("ovn-nbctl", "ovn-common"), ("ovn-sbctl", "ovn-common"),
        ("ip", "iproute2"), ("ethtool", "ethtool"),
    ]

    /// The Debian package that installs `program` (for a fix line), or a pointer to preflight.
    static func package(of program: String) -> String {
        programs.first { $0.0 == program }?.1 ?? "the package of \(program) (see `ovnstack preflight`)"
    }

    static func root() -> PreflightResult {
        geteuid() == 0
            ? .pass("privileges", "running as root")
            : .fail("privileges", "namespaces and OVS need root", fix: "run with sudo")
    }

    static func binaries(runtime: RuntimeKind) -> PreflightResult {
        var needed = programs
        if runtime == .runc { needed.append(("runc", "runc")) }
        let missing = needed.filter { Program.find($0.0) == nil }
        guard missing.isEmpty else {
            let packages = Set(missing.map(\.1)).sorted().joined(separator: " ")
            return .fail("binaries", "missing \(missing.map(\.0).joined(separator: ", "))", fix: "apt-get install -y \(packages)")
        }
        let schemas = ["/usr/share/openvswitch/vswitch.ovsschema", "/usr/share/ovn/ovn-nb.ovsschema", "/usr/share/ovn/ovn-sb.ovsschema"]
        let absent = schemas.filter { !FileManager.default.fileExists(atPath: $0) }
        guard absent.isEmpty else {
            return .fail("binaries", "missing schema \(absent.joined(separator: ", "))", fix: "apt-get install --reinstall -y openvswitch-common ovn-common")
        }
        return .pass("binaries", "OVS, OVN, iproute2 and ethtool present")
    }

    static func kernel() -> PreflightResult {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let parts = release.split(separator: ".").compactMap { Int($0.prefix { $0.isNumber }) }
        let modern = parts.count >= 2 && (parts[0], parts[1]) >= (4, 6)
        let hasModule = FileManager.default.fileExists(atPath: "/sys/module/openvswitch")
        let detail = "kernel \(release); userspace datapath (datapath_type=netdev) in use, "
            + (hasModule ? "openvswitch module present" : "no openvswitch module needed")
        return modern
            ? .pass("kernel/datapath", detail)
            : .warn("kernel/datapath", "kernel \(release) < 4.6 lacks datapath NAT; the userspace datapath is used", fix: "none needed for the local cluster")
    }

    static func tunnelling() -> PreflightResult {
        guard FileManager.default.fileExists(atPath: "/dev/net/tun") else {
            return .fail("geneve/tun", "/dev/net/tun is missing (netdev bridges are tap devices)", fix: "modprobe tun, or mknod /dev/net/tun c 10 200")
        }
        let module = FileManager.default.fileExists(atPath: "/sys/module/geneve")
        return .pass("geneve", module ? "kernel geneve module present; userspace tunnelling used" : "userspace tunnelling (ovs-vswitchd netdev) — no geneve module needed")
    }

    static func apparmor(runtime: RuntimeKind) -> PreflightResult {
        let enabled = (try? String(contentsOfFile: "/sys/module/apparmor/parameters/enabled", encoding: .utf8))?.hasPrefix("Y") ?? false
        guard enabled else { return .pass("apparmor", "AppArmor not enabled") }
        guard runtime == .runc else { return .pass("apparmor", "enabled; the process runtime does not mount inside containers") }
        let profiles = (try? String(contentsOfFile: "/sys/kernel/security/apparmor/profiles", encoding: .utf8)) ?? ""
        return profiles.contains("runc")
            ? .warn("apparmor", "a runc AppArmor profile is loaded and may block mounts inside containers",
                    fix: "aa-complain runc, or use --runtime process")
            : .pass("apparmor", "enabled; ovnstack's OCI bundles run unconfined")
    }

    /// Stacked /run/netns mounts are the sign of `rshared` propagation doubling the mount table.
    static func netnsPropagation() -> PreflightResult {
        let info = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let lines = info.split(separator: "\n")
        let stacked = lines.filter { $0.split(separator: " ").dropFirst(4).first == "/run/netns" }.count
        if lines.count > 20_000 || stacked > 4 {
            return .fail("/run/netns propagation", "\(lines.count) mounts, /run/netns mounted \(stacked)×: a container mounts it rshared",
                         fix: "umount /run/netns until one mount is left (or reboot); mount /run/netns into containers rbind,rslave only")
        }
        return .pass("/run/netns propagation", "\(lines.count) mounts, /run/netns mounted \(stacked)×")
    }

    static func stateDir(_ layout: StateLayout) -> PreflightResult {
        let longest = "\(layout.runDir("xxxxxxxxxxx"))/ovn-controller.4194304.ctl"
        guard longest.utf8.count < 108 else {
            return .fail("state dir", "\(layout.root) is too long for unix socket paths (108 bytes)", fix: "use a shorter --state-dir")
        }
        do {
            try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
            return .pass("state dir", "\(layout.root) writable")
        } catch {
            return .fail("state dir", "cannot create \(layout.root): \(error)", fix: "pick another --state-dir")
        }
    }
}
