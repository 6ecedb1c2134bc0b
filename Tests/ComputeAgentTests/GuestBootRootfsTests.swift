import Foundation
import Testing
import ProgramRunner
@testable import ComputeAgent
#if canImport(Glibc)
import Glibc
#endif

/// What `InstanceRootfs` refuses: files that are not rootfs tarballs, and images whose paths would make
/// injection write outside the rootfs.
@Suite struct GuestBootRootfsTests {
    /// A scratch directory, removed after `body`.
    func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gb-rootfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    /// Packs `tree` (made by `populate`) into `<directory>/name.tar.gz`.
    func tarball(_ name: String, in directory: URL, _ populate: (URL) throws -> Void) throws -> URL {
        let tree = directory.appendingPathComponent("\(name)-tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try populate(tree)
        let file = directory.appendingPathComponent("\(name).tar.gz")
        try Program.run("tar", ["--create", "--gzip", "--file", file.path, "-C", tree.path, "."])
        return file
    }

    @Test func aQcow2OrATarballWithoutInitIsNotARootfs() throws {
        try withDirectory { directory in
            let qcow2 = directory.appendingPathComponent("disk.qcow2")
            try Data([0x51, 0x46, 0x49, 0xfb] + [UInt8](repeating: 0, count: 508)).write(to: qcow2)
            let rootfs = InstanceRootfs(directory: directory.appendingPathComponent("instance"))
            let error = #expect(throws: GuestDriverError.self) { try rootfs.unpack(image: qcow2, imageName: "img-1") }
            #expect(error?.description.contains("image img-1 is not a root filesystem tarball") == true)
            #expect(error?.description.contains("qcow2") == true)

            let noInit = try tarball("no-init", in: directory) { tree in
                try "x".write(to: tree.appendingPathComponent("hello"), atomically: true, encoding: .utf8)
            }
            let second = #expect(throws: GuestDriverError.self) { try rootfs.unpack(image: noInit, imageName: "img-2") }
            #expect(second?.description.contains("no /sbin/init") == true)
            #expect(!FileManager.default.fileExists(atPath: rootfs.path.path))
        }
    }

    @Test(.enabled(if: getuid() == 0, "needs root (injection sets cirros's ownership)"))
    func injectionNeverFollowsASymlinkOutOfTheRootfs() throws {
        try withDirectory { directory in
            let outside = directory.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            let image = try tarball("evil", in: directory) { tree in
                try FileManager.default.createDirectory(at: tree.appendingPathComponent("sbin"), withIntermediateDirectories: true)
                try "#!/bin/sh\n".write(to: tree.appendingPathComponent("sbin/init"), atomically: true, encoding: .utf8)
                try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("etc").path, withDestinationPath: outside.path)
            }
            let rootfs = InstanceRootfs(directory: directory.appendingPathComponent("instance"))
            try rootfs.unpack(image: image, imageName: "evil")
            #expect(throws: GuestDriverError.self) { try rootfs.inject(hostname: "pwned", authorizedKeys: []) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)

            // A sane layout is injected with the ownership and modes dropbear accepts.
            try FileManager.default.removeItem(at: rootfs.path.appendingPathComponent("etc"))
            try rootfs.inject(hostname: "vm-1", authorizedKeys: ["ssh-ed25519 AAAA test"])
            let keys = rootfs.path.appendingPathComponent("home/cirros/.ssh/authorized_keys")
            #expect(try String(contentsOf: keys, encoding: .utf8) == "ssh-ed25519 AAAA test\n")
            let attributes = try FileManager.default.attributesOfItem(atPath: keys.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == 1000)
            #expect(try String(contentsOf: rootfs.path.appendingPathComponent("etc/hostname"), encoding: .utf8) == "vm-1\n")
            try rootfs.remove()
            #expect(!FileManager.default.fileExists(atPath: rootfs.path.path))
        }
    }
}
