/// Why an instance's root filesystem or container could not be made or controlled; each case says what
/// is wrong and, where there is one, the fix.
enum GuestDriverError: Error, Sendable, CustomStringConvertible {
    /// The image file is not a gzip'd tar of a root filesystem with /sbin/init (e.g. a qcow2 disk).
    case notRootfsTarball(image: String, reason: String)
    /// A path in the unpacked rootfs that injection refuses to write through (a symlink, a non-directory).
    case unsafePath(String)
    /// A host program the driver needs is missing.
    case missingProgram(String, package: String)
    /// A command (`tar`, `runc …`) failed.
    case commandFailed(String, output: String)

    /// What went wrong and, where there is one, the fix.
    var description: String {
        switch self {
        case let .notRootfsTarball(image, reason):
            "image \(image) is not a root filesystem tarball (container_format bare, a .tar.gz with /sbin/init): \(reason)"
        case let .unsafePath(path):
            "refusing to write \(path) in the instance's root filesystem: a component is a symbolic link or not a directory"
        case let .missingProgram(program, package):
            "\(program) is not installed: apt-get install \(package)"
        case let .commandFailed(command, output):
            "`\(command)` failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}
