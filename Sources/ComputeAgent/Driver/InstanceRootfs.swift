import Foundation
import ProgramRunner
#if canImport(Glibc)
import Glibc
#endif

/// An instance's root filesystem: `<directory>/rootfs`, unpacked from an image tarball (a gzip'd tar
/// with /sbin/init, such as the built-in `cirros-ovnstack-*.tar.gz`), plus what the agent injects before
/// boot: `/etc/hostname` and cirros's `~/.ssh/authorized_keys` (owned by cirros, `.ssh` 0700, the file
/// 0600, as dropbear requires). Unpacking goes to a temporary directory renamed into place, so a failed
/// or interrupted unpack never leaves a half-written rootfs.
///
/// The lead's driver calls `unpack` + `inject` at create, `rebuild` for a Nova rebuild, `remove` at delete.
struct InstanceRootfs: Sendable {
    /// The instance's directory (holds `rootfs/`, and the bundle's `config.json` and console log).
    let directory: URL

    /// The unpacked root filesystem.
    var path: URL { directory.appendingPathComponent("rootfs") }

    /// The user whose authorized_keys are injected.
    static let user = "cirros"

    /// Unpacks `image` (named `imageName` in errors, e.g. the Glance image id) into `rootfs`, replacing
    /// any previous one. Throws `notRootfsTarball` for anything but a gzip'd tar holding /sbin/init.
    func unpack(image: URL, imageName: String) throws {
        try Self.validate(image: image, name: imageName)
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let partial = directory.appendingPathComponent(".rootfs.partial")
        try? fm.removeItem(at: partial)
        try fm.createDirectory(at: partial, withIntermediateDirectories: false)
        do {
            // As root GNU tar keeps owners and modes (setuid included); it refuses members with "..".
            let result = Program.probe("tar", ["--extract", "--gzip", "--file", image.path, "--numeric-owner", "-C", partial.path])
            guard result.succeeded else { throw GuestDriverError.notRootfsTarball(image: imageName, reason: result.output) }
            try? fm.removeItem(at: path)
            try fm.moveItem(at: partial, to: path)
        } catch {
            try? fm.removeItem(at: partial)
            throw error
        }
    }

    /// Writes `/etc/hostname` and replaces cirros's authorized_keys with `authorizedKeys` (one per line).
    func inject(hostname: String, authorizedKeys: [String]) throws {
        let files = GuestRootfsFiles(root: path)
        let root: (uid: uid_t, gid: gid_t) = (0, 0)
        try files.directory("etc", mode: 0o755, owner: root)
        try files.file("etc/hostname", contents: hostname + "\n", mode: 0o644, owner: root)
        let (owner, home) = account(Self.user, in: files)
        try files.directory(home, mode: 0o755, owner: owner)
        try files.directory(home + "/.ssh", mode: 0o700, owner: owner)
        let keys = authorizedKeys.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try files.file(home + "/.ssh/authorized_keys", contents: keys.map { $0 + "\n" }.joined(), mode: 0o600, owner: owner)
    }

    /// Rebuild: wipes the rootfs, unpacks `image` again and injects again.
    func rebuild(image: URL, imageName: String, hostname: String, authorizedKeys: [String]) throws {
        try? FileManager.default.removeItem(at: path)
        try unpack(image: image, imageName: imageName)
        try inject(hostname: hostname, authorizedKeys: authorizedKeys)
    }

    /// Removes the rootfs (and a partial unpack); the rest of the directory belongs to the bundle.
    func remove() throws {
        let fm = FileManager.default
        try? fm.removeItem(at: directory.appendingPathComponent(".rootfs.partial"))
        if fm.fileExists(atPath: path.path) { try fm.removeItem(at: path) }
    }

    /// The uid, gid and home (relative to the rootfs) of `user` from the rootfs's /etc/passwd; cirros's
    /// defaults (1000, /home/cirros) when the image does not list it.
    private func account(_ user: String, in files: GuestRootfsFiles) -> ((uid: uid_t, gid: gid_t), String) {
        for line in (files.read("etc/passwd") ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 6, fields[0] == user, let uid = UInt32(fields[2]), let gid = UInt32(fields[3]) else { continue }
            let home = fields[5].split(separator: "/").joined(separator: "/")
            return ((uid, gid), home.isEmpty ? "home/\(user)" : home)
        }
        return ((1000, 1000), "home/\(user)")
    }

    /// Checks the gzip magic, then that the archive lists /sbin/init.
    static func validate(image: URL, name: String) throws {
        guard let handle = FileHandle(forReadingAtPath: image.path) else {
            throw GuestDriverError.notRootfsTarball(image: name, reason: "cannot read \(image.path)")
        }
        let magic = (try? handle.read(upToCount: 4)) ?? nil
        try? handle.close()
        guard let magic, magic.count >= 2, magic[magic.startIndex] == 0x1f, magic[magic.startIndex + 1] == 0x8b else {
            let kind = magic.map { Array($0) == [0x51, 0x46, 0x49, 0xfb] } == true ? "it is a qcow2 disk image" : "it is not gzip data"
            throw GuestDriverError.notRootfsTarball(image: name, reason: kind)
        }
        let listing = Program.probe("tar", ["--list", "--gzip", "--file", image.path])
        guard listing.succeeded else { throw GuestDriverError.notRootfsTarball(image: name, reason: "it is not a tar archive") }
        let members = Set(listing.output.split(separator: "\n").map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : String($0) })
        guard members.contains("sbin/init") else { throw GuestDriverError.notRootfsTarball(image: name, reason: "it has no /sbin/init") }
    }
}
