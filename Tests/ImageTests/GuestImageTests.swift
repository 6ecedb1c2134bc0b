import Foundation
import Testing
import ProgramRunner
@testable import Image

/// The built-in guest image: built from the host's packages, with init, dropbear and its libraries,
/// small, and rebuilt only when its inputs change.
@Suite(.serialized, .enabled(if: GuestImageHost.hasPackages, "needs busybox-static, dropbear-bin and iputils-ping (apt-get install busybox-static dropbear-bin iputils-ping)"))
struct GuestImageTests {

    /// A fresh cache directory, removed after `body`.
    func withCache(_ body: (URL) throws -> Void) throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("guest-image-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        try body(cache)
    }

    /// `tar -tvzf` of the tarball: (member without "./", mode string, size).
    func listing(_ tarball: URL) throws -> [(path: String, mode: String, size: Int)] {
        let output = try Program.run("tar", ["--list", "--verbose", "--gzip", "--numeric-owner", "--file", tarball.path])
        return output.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 6 else { return nil }
            var path = String(words[5])
            if path.hasPrefix("./") { path.removeFirst(2) }
            return (path, String(words[0]), Int(words[2]) ?? 0)
        }
    }

    @Test func buildHoldsInitDropbearAndItsLibraries() throws {
        try withCache { cache in
            let tarball = try GuestImage.build(cacheDirectory: cache)
            #expect(tarball.lastPathComponent == "cirros-ovnstack-\(GuestImage.version).tar.gz")
            let members = try listing(tarball)
            let byPath = Dictionary(members.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(byPath["sbin/init"]?.mode.hasPrefix("-rwx") == true)
            #expect(byPath["usr/sbin/dropbear"] != nil)
            #expect(byPath["usr/bin/dropbearkey"] != nil)
            #expect(byPath["usr/bin/curl"] != nil && byPath["usr/bin/sudo"] != nil)
            #expect(byPath["bin/busybox"]?.mode == "-rwsr-xr-x")
            #expect(byPath["bin/sh"]?.mode.hasPrefix("l") == true)
            // Every library ldd names for dropbear is in the image at the same path, as a regular file.
            let ldd = try Program.run("ldd", [Program.find("dropbear")!])
            let libraries = ldd.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if let arrow = words.firstIndex(of: "=>"), arrow + 1 < words.count { return String(words[arrow + 1]) }
                return words.first.map(String.init).flatMap { $0.hasPrefix("/") ? $0 : nil }
            }
            #expect(libraries.contains { $0.contains("libtomcrypt") })
            #expect(libraries.contains { $0.contains("ld-linux") })
            for library in libraries {
                #expect(byPath[String(library.dropFirst())]?.mode.hasPrefix("-") == true, "missing \(library)")
            }
            let unpacked = members.reduce(0) { $0 + $1.size }
            #expect(unpacked < 10 * 1024 * 1024, "unpacked size \(unpacked) bytes")
        }
    }

    @Test func secondBuildReusesTheCacheAndAChangedInputRebuilds() throws {
        try withCache { cache in
            let first = try GuestImage.build(cacheDirectory: cache)
            let inode = { try (FileManager.default.attributesOfItem(atPath: first.path)[.systemFileNumber] as? NSNumber)?.intValue }
            let before = try inode()
            let second = try GuestImage.build(cacheDirectory: cache)
            #expect(second == first)
            #expect(try inode() == before)
            // A different recorded input (as after a package upgrade) makes the next build a new file.
            try "stale".write(to: cache.appendingPathComponent(GuestImage.fileName + ".inputs"), atomically: true, encoding: .utf8)
            let third = try GuestImage.build(cacheDirectory: cache)
            #expect(third == first)
            #expect(try inode() != before)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty)
        }
    }
}

/// Whether the host has the packages the guest image is made of.
enum GuestImageHost {
    static var hasPackages: Bool {
        ["busybox", "dropbear", "dropbearkey", "ping"].allSatisfy { Program.find($0) != nil }
    }
}
