import Foundation

/// The guest's `/proc/cpuinfo`: a container reads the host's, with every host CPU, where a VM sees its flavor's
/// vCPUs. The bundle bind-mounts this text over it (runc allows that path, as it does for lxcfs), so
/// `grep -c ^processor /proc/cpuinfo` in the guest counts the flavor's vCPUs.
enum GuestCPUInfo {
    /// The host's first `vcpus` processor entries, renumbered from 0; the last one repeats when the host has fewer.
    static func text(host: String, vcpus: Int) -> String {
        let blocks = host.components(separatedBy: "\n\n").filter { $0.hasPrefix("processor") }
        guard let last = blocks.last else { return host }
        return (0..<max(vcpus, 1)).map { index in
            let block = index < blocks.count ? blocks[index] : last
            var lines = block.components(separatedBy: "\n")
            lines[0] = "processor\t: \(index)"
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n\n"
    }

    /// Writes the guest's cpuinfo to `file` from this host's.
    static func write(to file: URL, vcpus: Int) throws {
        let host = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        try Data(text(host: host, vcpus: vcpus).utf8).write(to: file, options: .atomic)
    }
}
