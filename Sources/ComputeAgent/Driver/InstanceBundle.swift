import Foundation

/// The runc OCI bundle of one instance: `<directory>/config.json` running `<directory>/rootfs`
/// (`InstanceRootfs`, writable) as a container whose PID 1 is `/sbin/init`, in its own pid, mount, uts
/// and ipc namespaces, joined to the instance's network namespace `/run/netns/<netns>` (made, with eth0
/// in it, by the caller), with the flavor's memory and CPU limits and only the capabilities a guest
/// init and its daemons use. Its stdout and stderr are the console log `<directory>/console.log`.
/// `start`, `stop`, `kill`, `state`, `delete` (in `GuestRuncControl.swift`) drive runc.
struct InstanceBundle: Sendable {
    /// The runc container id (unique under `runcRoot`), e.g. `instance-<uuid>`.
    let id: String
    /// The instance directory: `config.json`, `rootfs/`, `console.log`, `init.pid`.
    let directory: URL
    /// runc's state directory (`runc --root`), shared by the node's instances.
    let runcRoot: URL
    /// The network namespace name under /run/netns.
    let netns: String
    /// The guest's hostname (the uts namespace's; init also reads /etc/hostname).
    let hostname: String
    /// The flavor's RAM in MiB: the memory limit.
    let memoryMB: Int
    /// The flavor's vCPUs: the CPU quota (vcpus × the 100 ms period).
    let vcpus: Int

    /// The OCI runtime configuration runc reads.
    var configFile: URL { directory.appendingPathComponent("config.json") }
    /// The container's root filesystem (what `InstanceRootfs` unpacks).
    var rootfs: URL { directory.appendingPathComponent("rootfs") }
    /// The console log: init's stdout and stderr, appended across boots.
    var consoleLog: URL { directory.appendingPathComponent("console.log") }
    /// Where runc writes init's host pid.
    var pidFile: URL { directory.appendingPathComponent("init.pid") }
    /// The guest's `/proc/cpuinfo` (``GuestCPUInfo``), bind-mounted read-only.
    var cpuinfoFile: URL { directory.appendingPathComponent("cpuinfo") }

    /// The capabilities a guest needs: its init, dropbear (setuid, ptys), udhcpc and `ip` (NET_ADMIN,
    /// NET_RAW), setuid busybox `su` and ping. No SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_TIME, MKNOD…
    static let capabilities = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_AUDIT_WRITE",
    ]

    /// Writes config.json and the guest's cpuinfo (atomically).
    func write() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try GuestCPUInfo.write(to: cpuinfoFile, vcpus: vcpus)
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: configFile, options: .atomic)
    }

    /// The OCI configuration: writable rootfs, the namespaces, runc-made /proc, /dev, /sys, /run and /tmp,
    /// the flavor's limits, no devices beyond runc's defaults (no /dev/net/tun: eth0 is a veth).
    var config: [String: Any] {
        let caps = Self.capabilities
        let period = 100_000
        return [
            "ociVersion": "1.0.2",
            "root": ["path": rootfs.standardizedFileURL.resolvingSymlinksInPath().path, "readonly": false],
            "hostname": hostname,
            "process": [
                "terminal": false, "user": ["uid": 0, "gid": 0], "cwd": "/", "args": ["/sbin/init"],
                "env": ["PATH=/sbin:/bin:/usr/sbin:/usr/bin", "TERM=linux", "HOME=/root"],
                "capabilities": ["bounding": caps, "effective": caps, "permitted": caps],
                // setuid busybox (`su`, for sudo) and ping need privileges gained at exec.
                "noNewPrivileges": false,
            ] as [String: Any],
            "mounts": [
                ["destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]],
                ["destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]],
                ["destination": "/dev/pts", "type": "devpts", "source": "devpts",
                 "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]],
                ["destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]],
                ["destination": "/proc/cpuinfo", "type": "bind", "source": cpuinfoFile.path, "options": ["rbind", "ro"]],
                ["destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]],
                // init mounts these itself when missing; runc mounting them spares the guest CAP_SYS_ADMIN.
                ["destination": "/run", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=755"]],
                ["destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "nodev", "mode=1777"]],
            ],
            "linux": [
                "namespaces": [["type": "pid"], ["type": "mount"], ["type": "uts"], ["type": "ipc"],
                               ["type": "network", "path": "/run/netns/\(netns)"]],
                "resources": [
                    "devices": [["allow": false, "access": "rwm"]],
                    "memory": ["limit": max(memoryMB, 16) * 1024 * 1024],
                    "cpu": ["quota": max(vcpus, 1) * period, "period": period],
                    "pids": ["limit": 1024],
                ] as [String: Any],
                "maskedPaths": ["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                                "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware"],
                "readonlyPaths": ["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            ] as [String: Any],
        ]
    }
}
