@testable import Compute
import Testing

/// Rules added for tempest: rebuilding a stopped server keeps it stopped, locks hold off non-admins, uptime text.
@Suite("Compute rebuild, lock and uptime rules")
struct ComputeLifecycleRuleTests {
    static let image = ImageFacts(id: "img2", status: "active", minRAM: 0, minDisk: 0, size: nil)

    static func stopped() -> Instance {
        var i = ComputeDomainTests.building(ports: [])
        i.vmState = .stopped
        i.taskState = nil
        i.desired = .stopped
        i.powerState = 4
        return i
    }

    @Test("a stopped server rebuilds as REBUILD, runs the new root once, then is SHUTOFF with no task")
    func rebuildStopped() throws {
        var i = Self.stopped()
        try ServerRules.apply(.rebuild(image: Self.image, name: nil, metadata: nil), to: &i)
        #expect(i.status == "REBUILD" && i.vmState == .stopped && i.desired == .running && i.generation == 2 && i.imageID == "img2")
        Lifecycle.apply(StatusReport(powerState: 4, generation: 1, deleted: false), to: &i, now: 10)
        #expect(i.status == "REBUILD", "an old generation's report changes nothing")
        Lifecycle.apply(StatusReport(powerState: 1, generation: 2, deleted: false), to: &i, now: 11)
        #expect(i.status == "REBUILD" && i.desired == .stopped)
        Lifecycle.apply(StatusReport(powerState: 4, generation: 2, deleted: false), to: &i, now: 12)
        #expect(i.status == "SHUTOFF" && i.taskState == nil)
    }

    @Test("an active server's rebuild ends ACTIVE")
    func rebuildActive() throws {
        var i = Self.stopped()
        i.vmState = .active
        i.desired = .running
        try ServerRules.apply(.rebuild(image: Self.image, name: "new", metadata: ["a": "b"]), to: &i)
        Lifecycle.apply(StatusReport(powerState: 1, generation: 2, deleted: false), to: &i, now: 11)
        #expect(i.status == "ACTIVE" && i.name == "new" && i.metadata == ["a": "b"] && i.desired == .running)
    }

    @Test("a locked server refuses a non-admin's action (409) and takes an admin's")
    func lock() throws {
        var i = Self.stopped()
        i.locked = true
        let user = Caller(userID: "u", projectID: "p", isAdmin: false), admin = Caller(userID: "a", projectID: "q", isAdmin: true)
        #expect(throws: ComputeError.conflict("Instance i1 is locked")) { try ServerRules.apply(.start, to: &i, by: user) }
        #expect(i.taskState == nil)
        try ServerRules.apply(.start, to: &i, by: admin)
        #expect(i.taskState == "powering-on")
    }

    @Test("more than the metadata quota is 403; uptime reads like uptime(1)")
    func metadataAndUptime() throws {
        func items(_ n: Int) -> [String: String] { Dictionary(uniqueKeysWithValues: (0..<n).map { ("k\($0)", "v") }) }
        #expect(throws: ComputeError.self) { try ServerRules.checkMetadata(items(QuotaSet.defaults.metadataItems + 1)) }
        try ServerRules.checkMetadata(items(QuotaSet.defaults.metadataItems))
        let text = HypervisorLookupRoutes.uptime(now: 86400 * 3 + 3600 * 4 + 60 * 5 + 7, since: 0)
        #expect(text == " 04:05:07 up 3 days,  4:05", "\(text)")
        #expect(HypervisorLookupRoutes.uptime(now: 130, since: 10) == " 00:02:10 up  0:02")
    }
}
