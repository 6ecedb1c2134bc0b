import Foundation

/// The programs the built-in guest copies from the host's Debian packages, with the shared libraries
/// `ldd` names for them (placed at the same paths in the guest, so the dynamic loader finds them).
enum GuestHostPrograms {
    /// A host program and where it goes in the guest.
    struct Program: Sendable {
        /// The name looked up in the host's bin and sbin directories.
        let name: String
        /// The path in the guest rootfs (relative).
        let destination: String
        /// The Debian package that installs it.
        let package: String
        /// setuid root: busybox (for `su`, it drops the privilege in every other applet) and iputils ping
        /// (raw ICMP sockets for the unprivileged cirros user).
        let setuid: Bool
    }

    static let programs: [Program] = [
        Program(name: "busybox", destination: "bin/busybox", package: "busybox-static", setuid: true),
        Program(name: "dropbear", destination: "usr/sbin/dropbear", package: "dropbear-bin", setuid: false),
        Program(name: "dropbearkey", destination: "usr/bin/dropbearkey", package: "dropbear-bin", setuid: false),
        // busybox's ping has no `-M do` (path MTU tests): iputils' has.
        Program(name: "ping", destination: "bin/ping", package: "iputils-ping", setuid: true),
    ]

    /// busybox applets the guest does not link: its own init, and the ping iputils provides.
    static let replacedApplets: Set<String> = ["init", "linuxrc", "ping"]

    static let searchDirectories = ["/usr/bin", "/usr/sbin", "/bin", "/sbin"]

    /// The host path of `program`, or a `GuestImageError.missingProgram` naming its package.
    static func locate(_ program: Program) throws -> String {
        for dir in searchDirectories where FileManager.default.isExecutableFile(atPath: "\(dir)/\(program.name)") {
            return "\(dir)/\(program.name)"
        }
        throw GuestImageError.missingProgram(program.name, package: program.package)
    }

    /// The absolute paths of the shared libraries (and the dynamic loader) `binary` needs; none when static.
    static func libraries(of binary: String) throws -> [String] {
        let result = try GuestCommand.run("ldd", [binary], allowFailure: true)
        if result.status != 0 {
            // glibc's ldd says so for static binaries (busybox-static).
            guard result.output.contains("not a dynamic executable") else {
                throw GuestImageError.commandFailed("ldd \(binary)", output: result.output)
            }
            return []
        }
        return result.output.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if let arrow = words.firstIndex(of: "=>") {
                let target = words.index(after: arrow)
                return target < words.count && words[target].hasPrefix("/") ? words[target] : nil
            }
            return words.first.flatMap { $0.hasPrefix("/") ? $0 : nil }
        }
    }

    /// Every host file the image copies: (host path, guest relative path, program it belongs to).
    static func files() throws -> [(host: String, guest: String, program: Program)] {
        var files: [(host: String, guest: String, program: Program)] = []
        var seen = Set<String>()
        for program in programs {
            let path = try locate(program)
            files.append((path, program.destination, program))
            for library in try libraries(of: path) where seen.insert(library).inserted {
                files.append((library, String(library.dropFirst()), program))
            }
        }
        return files
    }
}
