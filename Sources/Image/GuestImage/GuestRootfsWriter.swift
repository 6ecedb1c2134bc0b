import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lays out the built-in guest's root filesystem in a staging directory: directories, the host programs
/// and libraries (symlinks resolved, setuid where needed), busybox's applet links, the scripts and
/// configuration files. Ownership is root's, except cirros's home (when the build runs as root).
struct GuestRootfsWriter {
    /// The staging directory (created by `write`).
    let root: URL

    /// Writes the whole rootfs into `root`.
    func write(hostFiles: [(host: String, guest: String, program: GuestHostPrograms.Program)], version: String) throws {
        let fm = FileManager.default
        for dir in GuestSystemFiles.directories {
            try fm.createDirectory(at: path(dir.path), withIntermediateDirectories: true)
            try fm.setAttributes([.posixPermissions: dir.mode], ofItemAtPath: path(dir.path).path)
        }
        for file in hostFiles {
            let destination = path(file.guest)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            // copyItem would copy a symlink as a link; the guest needs the file it points at.
            let source = URL(fileURLWithPath: file.host).resolvingSymlinksInPath()
            try fm.copyItem(at: source, to: destination)
            let isProgram = file.guest == file.program.destination
            let mode = isProgram && file.program.setuid ? 0o4755 : 0o755
            // chmod after any chown: the kernel clears setuid on a change of owner.
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: destination.path)
        }
        try linkApplets()
        for file in GuestSystemFiles.all(version: version) {
            let destination = path(file.path)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: destination)
            try fm.setAttributes([.posixPermissions: file.mode], ofItemAtPath: destination.path)
        }
        for link in GuestSystemFiles.links {
            try fm.createSymbolicLink(atPath: path(link.path).path, withDestinationPath: link.target)
        }
        if getuid() == 0 {
            let id = GuestSystemFiles.cirrosID
            for dir in ["home/cirros", "home/cirros/.ssh"] {
                try fm.setAttributes([.ownerAccountID: id, .groupOwnerAccountID: id], ofItemAtPath: path(dir).path)
            }
        }
    }

    /// One symlink to /bin/busybox per applet, at the path busybox itself names (`busybox --list-full`),
    /// except where the image has its own program or script.
    private func linkApplets() throws {
        let busybox = path("bin/busybox").path
        let listing = try GuestCommand.run(busybox, ["--list-full"]).output
        for applet in listing.split(separator: "\n").map(String.init) where !applet.isEmpty {
            let name = URL(fileURLWithPath: applet).lastPathComponent
            guard !GuestHostPrograms.replacedApplets.contains(name), name != "busybox" else { continue }
            let link = path(applet)
            // attributesOfItem does not follow links: anything already at the path (file or link) stays.
            guard (try? FileManager.default.attributesOfItem(atPath: link.path)) == nil else { continue }
            try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/bin/busybox")
        }
    }

    private func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
