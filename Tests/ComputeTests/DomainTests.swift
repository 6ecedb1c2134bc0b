@testable import Compute
import Foundation
import Testing

/// The domain rules on their own: scheduler, lifecycle ordering, microversion parsing, hashes and names.
@Suite("Compute domain rules")
struct ComputeDomainTests {
    static let tiny = FlavorSnapshot(id: "1", name: "m1.tiny", vcpus: 1, ram: 512, disk: 1)

    static func host(_ name: String, ram: Int = 4096, heartbeat: Double = 1000, zone: String = "nova") -> ComputeHost {
        ComputeHost(name: name, id: 1, hypervisorHostname: name, availabilityZone: zone, vcpus: 4, memoryMB: ram, localGB: 40,
             agentURL: "", hostIP: "", lastHeartbeat: heartbeat)
    }

    static func building(ports: [String]) -> Instance {
        var i = Instance(id: "i1", name: "vm", hostname: "vm", projectID: "p", userID: "u", imageID: "img", flavor: tiny, metadata: [:],
                         requestedNetworks: [], securityGroups: [], reservationID: "r", launchIndex: 0, createdAt: 0, updatedAt: 0,
                         host: "c1", vmState: .building, taskState: "spawning")
        i.ports = ports.map { PortReport(portID: $0, created: true) }
        return i
    }

    @Test("the scheduler skips down and full hosts and picks the one with the most free RAM")
    func scheduler() {
        let hosts = [Self.host("a"), Self.host("b", ram: 8192), Self.host("down", ram: 65536, heartbeat: 0)]
        let scheduler = Scheduler(hosts: hosts, usage: ["b": HostUsage(vcpus: 1, ramMB: 7680, diskGB: 1, instances: 1)], now: 1030)
        #expect(scheduler.pick(flavor: Self.tiny, zone: nil, forcedHost: nil, hints: .init(), hostOf: { _ in nil })?.name == "a")
        let full = Scheduler(hosts: [Self.host("a", ram: 256)], usage: [:], now: 1030)
        #expect(full.pick(flavor: Self.tiny, zone: nil, forcedHost: nil, hints: .init(), hostOf: { _ in nil }) == nil)
        #expect(scheduler.pick(flavor: Self.tiny, zone: "az9", forcedHost: nil, hints: .init(), hostOf: { _ in nil }) == nil)
    }

    @Test("a lone default group is left to Networking when ports are made, and is none on networks without port security")
    func securityGroupsForNewPorts() {
        var i = Self.building(ports: [])
        i.securityGroups = [SecurityGroupRef(id: "sg-d", name: "default")]
        #expect(i.securityGroupsForNewPorts == [])
        i.securityGroups.append(SecurityGroupRef(id: "sg-w", name: "web"))
        #expect(i.securityGroupsForNewPorts.map(\.id) == ["sg-d", "sg-w"])
        i.securityGroups = [SecurityGroupRef(id: "sg-w", name: "web")]
        #expect(i.securityGroupsForNewPorts.map(\.id) == ["sg-w"])
        let lone = [SecurityGroupRef(id: "sg-d", name: "default")]
        let open = RequestedNetwork(networkID: "n1", portSecurity: false), secured = RequestedNetwork(networkID: "n2", portSecurity: true)
        #expect(ServerRules.securityGroups(lone, on: [open]) == [])
        #expect(ServerRules.securityGroups(lone, on: [open, secured]) == lone)
        #expect(ServerRules.securityGroups(lone, on: [RequestedNetwork(networkID: "n3")]) == lone)
        #expect(ServerRules.securityGroups(i.securityGroups, on: [open]) == i.securityGroups)
    }

    @Test("the vif-plugged event may come before or after the agent's report; ACTIVE needs both")
    func eventOrdering() {
        var early = Self.building(ports: [])
        #expect(Lifecycle.apply(ExternalEvent(name: "network-vif-plugged", serverID: "i1", status: "completed", tag: "p1"), to: &early, now: 5) == 200)
        #expect(early.vmState == .building)
        Lifecycle.apply(StatusReport(powerState: 1, generation: 1, ports: [PortReport(portID: "p1", created: true)], fault: nil, deleted: false),
                        to: &early, now: 6)
        #expect(early.vmState == .active && early.taskState == nil && early.launchedAt == 6)

        var late = Self.building(ports: [])
        Lifecycle.apply(StatusReport(powerState: 1, generation: 1, ports: [PortReport(portID: "p1", created: true)], fault: nil, deleted: false),
                        to: &late, now: 6)
        #expect(late.vmState == .building)
        #expect(!Lifecycle.checkPluggingTimeout(&late, now: 100, timeout: 300))
        _ = Lifecycle.apply(ExternalEvent(name: "network-vif-plugged", serverID: "i1", status: "completed", tag: "p1"), to: &late, now: 7)
        #expect(late.vmState == .active)

        var stale = Self.building(ports: [])
        Lifecycle.apply(StatusReport(powerState: 1, generation: 0, ports: [], fault: nil, deleted: false), to: &stale, now: 6)
        #expect(stale.vmState == .building, "a report for another generation changes no state")
    }

    @Test("microversion headers: missing, latest, legacy, malformed, out of range")
    func microversions() throws {
        #expect(try Microversion.requested(standard: nil, legacy: nil) == .min)
        #expect(try Microversion.requested(standard: "compute latest", legacy: nil) == .max)
        #expect(try Microversion.requested(standard: "volume 3.5, compute 2.1", legacy: nil) == Microversion(major: 2, minor: 1))
        #expect(try Microversion.requested(standard: nil, legacy: "2.1") == Microversion(major: 2, minor: 1))
        #expect(throws: Microversion.Refusal.self) { try Microversion.requested(standard: "compute 2.a", legacy: nil) }
        #expect(throws: Microversion.Refusal.self) { try Microversion.requested(standard: "compute 3.0", legacy: nil) }
    }

    @Test("SHA-224 matches the FIPS 180-4 vectors; host names are RFC 952")
    func hashesAndNames() {
        #expect(SHA224.hex(Array("abc".utf8)) == "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
        #expect(SHA224.hex([]) == "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")
        #expect(SHA224.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")
        #expect(ServerRules.hostname("My_Server.01", id: "x") == "my-server-01")
        #expect(ServerRules.hostname("---", id: "abc") == "server-abc")
    }

    @Test("malformed public key blobs are refused, never a crash")
    func hostileKeys() {
        func line(_ type: String, _ parts: [[UInt8]]) -> String {
            let blob = WireWriter.string(Array(type.utf8)) + parts.flatMap { WireWriter.string($0) }
            return type + " " + Data(blob).base64EncodedString()
        }
        let hostile = [
            line("ssh-rsa", [[0], [UInt8](repeating: 0xff, count: 129)]),
            line("ssh-rsa", [[], [UInt8](repeating: 0x01, count: 256)]),
            line("ssh-rsa", [[1, 0, 1], [UInt8](repeating: 0, count: 256)]),
            line("ssh-ed25519", [[UInt8](repeating: 0, count: 31)]),
            line("ecdsa-sha2-nistp384", [Array("nistp384".utf8), [4] + [UInt8](repeating: 7, count: 96)]),
            line("ecdsa-sha2-nistp256", [Array("nistp384".utf8), [4]]),
            line("ssh-ed25519", [[UInt8](repeating: 0, count: 32), [1]]),
            "ssh-ed25519 " + Data([0, 0, 0, 200, 1]).base64EncodedString(),
        ]
        for text in hostile {
            #expect(throws: ComputeError.self, "\(text)") { try SSHPublicKey(parsing: text) }
        }
    }
}
