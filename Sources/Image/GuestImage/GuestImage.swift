import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built-in guest image, "cirros" as OVNStack runs it: a gzip'd tar of a small root filesystem made of
/// what Debian's packages installed on the host (busybox-static, dropbear-bin, iputils-ping and their
/// shared libraries) and the module's own scripts (`/sbin/init`, the DHCP hook, the EC2 metadata fetch,
/// `curl` and `sudo` shims). Instances run it as a container whose PID 1 is `/sbin/init`.
public enum GuestImage {
    /// The version of the image's contents; part of the tarball's name.
    public static let version = "0.1.0"

    /// The tarball's file name: `cirros-ovnstack-<version>.tar.gz`.
    public static var fileName: String { "cirros-ovnstack-\(version).tar.gz" }

    /// Returns `<cacheDirectory>/cirros-ovnstack-<version>.tar.gz`, building it first when it is missing or
    /// when its inputs (the scripts, the host programs and libraries: paths, sizes, modification times)
    /// changed since it was built. The tarball appears atomically: a crash leaves the old one or none.
    public static func build(cacheDirectory: URL) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        let tarball = cacheDirectory.appendingPathComponent(fileName)
        let stamp = cacheDirectory.appendingPathComponent(fileName + ".inputs")
        let hostFiles = try GuestHostPrograms.files()
        let fingerprint = try inputsFingerprint(hostFiles)
        if fm.fileExists(atPath: tarball.path), (try? String(contentsOf: stamp, encoding: .utf8)) == fingerprint {
            return tarball
        }
        let staging = cacheDirectory.appendingPathComponent(".cirros-staging-\(UUID().uuidString)")
        let partial = cacheDirectory.appendingPathComponent(".\(fileName).partial-\(UUID().uuidString)")
        defer {
            try? fm.removeItem(at: staging)
            try? fm.removeItem(at: partial)
        }
        try GuestRootfsWriter(root: staging).write(hostFiles: hostFiles, version: version)
        var tarArguments = ["--create", "--gzip", "--file", partial.path, "--numeric-owner", "--sort=name", "-C", staging.path, "."]
        if getuid() != 0 { tarArguments.insert(contentsOf: ["--owner=0", "--group=0"], at: 0) }
        try GuestCommand.run("tar", tarArguments)
        try? fm.removeItem(at: tarball)
        try fm.moveItem(at: partial, to: tarball)
        try fingerprint.write(to: stamp, atomically: true, encoding: .utf8)
        return tarball
    }

    /// SHA-256 over everything the image is made of, so a package upgrade or a script change rebuilds it.
    static func inputsFingerprint(_ hostFiles: [(host: String, guest: String, program: GuestHostPrograms.Program)]) throws -> String {
        var hash = SHA256()
        hash.update(data: Data(version.utf8))
        for file in GuestSystemFiles.all(version: version) {
            hash.update(data: Data("\(file.path) \(file.mode)\n\(file.contents)".utf8))
        }
        for file in hostFiles {
            // Resolved: a package upgrade replaces the versioned file a library's link points at.
            let resolved = URL(fileURLWithPath: file.host).resolvingSymlinksInPath().path
            let attributes = try FileManager.default.attributesOfItem(atPath: resolved)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            hash.update(data: Data("\(file.host) \(resolved) \(file.guest) \(size) \(modified)\n".utf8))
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
