import Foundation
import Testing
import Image
import ProgramRunner
@testable import ComputeAgent
#if canImport(Glibc)
import Glibc
#endif

/// Boots the built-in guest image as an instance container (real runc, real network namespaces, real
/// DHCP, real ssh) and checks what tempest relies on: the lease on the console, the address, MTU and
/// metadata route in the guest, ssh as cirros with ed25519, ECDSA P-384 and RSA keys, `hostname` = the
/// injected name, `sudo id -u` = 0; then that stop and delete leave nothing behind.
@Suite(.serialized)
struct GuestBootTests {
    static var canRun: Bool {
        getuid() == 0 && ["runc", "ip", "ethtool", "ssh", "ssh-keygen", "busybox", "dropbear"].allSatisfy { Program.find($0) != nil }
    }

    @Test(.enabled(if: GuestBootTests.canRun, "needs root and runc, iproute2, ethtool, openssh-client, busybox-static, dropbear-bin"),
          .timeLimit(.minutes(1)))
    func bootLeaseSSHAndCleanup() async throws {
        let random = String(UUID().uuidString.prefix(6)).lowercased()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gb-\(random)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let network = GuestBootNetwork(prefix: "gb-\(random)", directory: work)
        let instance = work.appendingPathComponent("instance")
        let rootfs = InstanceRootfs(directory: instance)
        let hostname = "guest-\(random)"
        let bundle = InstanceBundle(id: "gb-\(random)", directory: instance, runcRoot: work.appendingPathComponent("runc"),
                                    netns: network.vm, hostname: hostname, memoryMB: 128, vcpus: 1)
        defer {
            bundle.delete()
            try? rootfs.remove()
            network.down()
            try? FileManager.default.removeItem(at: work)
        }

        let image = try GuestImage.build(cacheDirectory: work.appendingPathComponent("cache"))
        try network.up()
        let keys = try ["ed25519", "ecdsa-384", "rsa"].map { try Self.makeKey($0, in: work) }
        // A fourth key reaches the guest only through the EC2 metadata, with the hostname and user-data.
        let metadataKeys = work.appendingPathComponent("metadata-key")
        try FileManager.default.createDirectory(at: metadataKeys, withIntermediateDirectories: true)
        let metadataKey = try Self.makeKey("ed25519", in: metadataKeys)
        try network.serveMetadata([
            "2009-04-04/meta-data/instance-id": "i-0000002a",
            "2009-04-04/meta-data/hostname": "\(hostname).novalocal",
            "2009-04-04/meta-data/public-keys/index.html": "0=gb-metadata-key",
            "2009-04-04/meta-data/public-keys/0/openssh-key": metadataKey.publicKey,
            "2009-04-04/user-data": "#!/bin/sh\necho user-data-ran-$((6 * 7))\n",
        ])
        try rootfs.unpack(image: image, imageName: "cirros")
        try rootfs.inject(hostname: hostname, authorizedKeys: keys.map(\.publicKey))
        let pid = try bundle.start()
        #expect(bundle.state() == .running)

        let console = try await Self.waitFor(within: .seconds(20)) { () -> String? in
            let log = (try? String(contentsOf: bundle.consoleLog, encoding: .utf8)) ?? ""
            return log.contains("lease of") ? log : nil
        }
        let address = try #require(console.firstMatch(of: /lease of ([0-9.]+) obtained/)?.1).description
        #expect(address.hasPrefix("192.168.77."))

        let addresses = network.exec(network.vm, "ip", ["-o", "addr", "show", "dev", "eth0"]).output
        #expect(addresses.contains("inet \(address)/24"))
        #expect(network.exec(network.vm, "ip", ["link", "show", "eth0"]).output.contains("mtu 1442"))
        let routes = network.exec(network.vm, "ip", ["route"]).output
        #expect(routes.contains("169.254.169.254 via \(network.serverIP)"))
        #expect(routes.contains("default via \(network.serverIP)"))

        _ = try await Self.waitFor(within: .seconds(10)) { () -> String? in
            let log = (try? String(contentsOf: bundle.consoleLog, encoding: .utf8)) ?? ""
            return log.contains("user-data-ran-42") ? log : nil
        }
        #expect(try String(contentsOf: bundle.consoleLog, encoding: .utf8).contains("found datasource (ec2, net): instance-id i-0000002a"))

        for key in keys + [metadataKey] {
            var last = ""
            let output = try await Self.waitFor(within: .seconds(15), { () -> String? in
                let result = network.exec(network.dhcp, "ssh", Self.sshOptions(key.privateKey) + ["cirros@\(address)", Self.tempestPrologue + "hostname; sudo id -u; id -u"])
                last = result.output
                return result.succeeded ? result.output : nil
            }, otherwise: { "ssh with the \(key.type) key: \(last)\nconsole:\n\((try? String(contentsOf: bundle.consoleLog, encoding: .utf8)) ?? "")" })
            let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines == [hostname, "0", "1000"], "ssh with the \(key.type) key printed \(output)")
        }
        // What tempest reads in a guest: the flavor's vCPU count, not the host's.
        let host = try #require(keys.first)
        let facts = network.exec(network.dhcp, "ssh", Self.sshOptions(host.privateKey) + ["cirros@\(address)", "grep -c ^processor /proc/cpuinfo"])
        #expect(facts.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "cpuinfo in the guest: \(facts.output)")
        // The status block follows the lease within a second (it polls for eth0's address).
        let status = try await Self.waitFor(within: .seconds(5)) { () -> String? in
            let log = (try? String(contentsOf: bundle.consoleLog, encoding: .utf8)) ?? ""
            return log.contains(" login:") ? log : nil
        }
        #expect(status.contains("=== network info ==="))
        #expect(status.contains("\(hostname) login:"))

        try await bundle.stop(grace: .seconds(5))
        #expect(bundle.state() == nil)
        #expect(!Self.isRunning(pid), "init (pid \(pid)) still runs")
        #expect(try String(contentsOf: bundle.consoleLog, encoding: .utf8).contains("shutdown complete"))

        bundle.delete()
        try rootfs.remove()
        network.down()
        #expect(try FileManager.default.contentsOfDirectory(atPath: instance.path).isEmpty)
        let runcEntries = (try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("runc").path)) ?? []
        #expect(!runcEntries.contains(bundle.id))
        #expect(!network.anyNamespaceLeft)
    }

    /// Whether `pid` is a live process (a zombie waiting for whoever adopted it is not).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z") && !stat[close...].hasPrefix(") X")
    }

    /// A user key pair made with ssh-keygen: its type, private key path and public key line.
    struct Key {
        let type: String
        let privateKey: String
        let publicKey: String
    }

    static func makeKey(_ type: String, in directory: URL) throws -> Key {
        let parts = type.split(separator: "-")
        let path = directory.appendingPathComponent("id_\(parts[0])").path
        var arguments = ["-q", "-t", String(parts[0]), "-N", "", "-f", path, "-C", "gb-\(type)"]
        if parts.count > 1 { arguments += ["-b", String(parts[1])] }
        try Program.run("ssh-keygen", arguments)
        let publicKey = try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return Key(type: type, privateKey: path, publicKey: publicKey)
    }

    /// What tempest's remote client puts before every guest command.
    static let tempestPrologue = "set -eu -o pipefail; PATH=$PATH:/sbin:/usr/sbin; "

    static func sshOptions(_ key: String) -> [String] {
        ["-F", "/dev/null", "-i", key, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=3", "-o", "LogLevel=ERROR"]
    }

    /// Polls `probe` every 200 ms until it returns a value; fails the test after `within`.
    static func waitFor<T>(within: Duration, _ probe: () -> T?, otherwise: () -> String = { "" }) async throws -> T {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if let value = probe() { return value }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try #require(probe(), "timed out after \(within) \(otherwise())")
    }
}
