import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files into an unpacked (so untrusted) root filesystem without ever following a symbolic link
/// out of it: every directory on the way is checked with lstat (and made when missing), and the file is
/// replaced, never written through.
struct GuestRootfsFiles {
    let root: URL

    /// Makes `relative` (and its parents) a directory owned by `owner` with `mode`.
    func directory(_ relative: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)) throws {
        var path = root.path
        for component in relative.split(separator: "/").map(String.init) {
            guard component != "..", component != "." else { throw GuestDriverError.unsafePath(relative) }
            path += "/" + component
            var info = stat()
            if lstat(path, &info) != 0 {
                guard mkdir(path, 0o755) == 0 else { throw GuestDriverError.unsafePath(path) }
            } else if info.st_mode & S_IFMT != S_IFDIR {
                throw GuestDriverError.unsafePath(path)
            }
        }
        guard chown(path, owner.uid, owner.gid) == 0, chmod(path, mode) == 0 else { throw GuestDriverError.unsafePath(path) }
    }

    /// Replaces `relative` with a regular file holding `contents`, owned by `owner` with `mode`.
    func file(_ relative: String, contents: String, mode: mode_t, owner: (uid: uid_t, gid: gid_t)) throws {
        let parent = (relative as NSString).deletingLastPathComponent
        if !parent.isEmpty { try checkDirectories(parent) }
        let path = root.path + "/" + relative
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT != S_IFDIR, unlink(path) == 0 else { throw GuestDriverError.unsafePath(path) }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw GuestDriverError.unsafePath(path) }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count,
              fchown(fd, owner.uid, owner.gid) == 0, fchmod(fd, mode) == 0
        else { throw GuestDriverError.unsafePath(path) }
    }

    /// Reads `relative` when it is a regular file reached without symlinks; nil otherwise.
    func read(_ relative: String) -> String? {
        let parent = (relative as NSString).deletingLastPathComponent
        guard parent.isEmpty || (try? checkDirectories(parent)) != nil else { return nil }
        let fd = open(root.path + "/" + relative, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Throws unless every component of `relative` is a real directory.
    private func checkDirectories(_ relative: String) throws {
        var path = root.path
        for component in relative.split(separator: "/") {
            guard component != ".." else { throw GuestDriverError.unsafePath(relative) }
            path += "/" + component
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw GuestDriverError.unsafePath(path) }
        }
    }
}
