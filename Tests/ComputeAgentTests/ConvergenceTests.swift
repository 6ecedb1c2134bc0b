@testable import ComputeAgent
import Testing

/// The agent's rules: what it does next for an instance, from the API's spec, its own record and the guest.
@Suite struct ConvergenceTests {
    let spec = InstanceSpec(
        id: "11111111-2222-3333-4444-555555555555", name: "vm", hostname: "vm", projectID: "p", availabilityZone: "nova",
        desired: .running, generation: 1, action: nil, imageID: "img", flavor: .init(vcpus: 1, ramMB: 512, diskGB: 1), keyData: nil,
        requestedNetworks: [.init(networkID: "net", fixedIP: nil, portID: nil)], securityGroups: [])

    func local(ports: Bool = true, rootfs: Bool = true, generation: Int = 1, fault: String? = nil) -> LocalInstance {
        var l = LocalInstance(id: spec.id, imageID: "img", flavor: spec.flavor)
        l.portsReady = ports
        l.rootfsReady = rootfs
        l.generation = generation
        l.fault = fault
        l.nics = ports ? [.init(portID: "p", created: true, networkID: "net", mac: "fa:16:3e:00:00:01", mtu: 1442, guestName: "eth0",
                                request: spec.requestedNetworks[0])] : []
        return l
    }

    @Test func aNewInstanceGetsPortsThenRootfsThenStarts() {
        #expect(ConvergenceStep.next(spec: spec, local: nil, guestRunning: false) == .preparePorts)
        #expect(ConvergenceStep.next(spec: spec, local: local(ports: false), guestRunning: false) == .preparePorts)
        #expect(ConvergenceStep.next(spec: spec, local: local(rootfs: false), guestRunning: false) == .prepareRootfs)
        #expect(ConvergenceStep.next(spec: spec, local: local(generation: 0), guestRunning: false) == .start)
        #expect(ConvergenceStep.next(spec: spec, local: local(), guestRunning: true) == .idle)
    }

    @Test func aRunningGuestIsAdoptedAsItIs() {
        // After an agent restart: the record says generation 1, the container runs — nothing is touched.
        #expect(ConvergenceStep.next(spec: spec, local: local(), guestRunning: true) == .idle)
    }

    @Test func aNewGenerationRestartsTheGuestTheWayItWasAskedFor() {
        var s = spec
        s.generation = 2
        s.action = .rebootHard
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: true) == .restart(.rebootHard))
        s.action = .rebuild
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: false) == .restart(.rebuild))
        s.action = .rebootSoft
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: false) == .start)
    }

    @Test func stoppedMeansStopOnceThenIdle() {
        var s = spec
        s.desired = .stopped
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: true) == .stop)
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: false) == .idle)
    }

    @Test func deletedOrForgottenInstancesAreDestroyedWhateverTheirState() {
        var s = spec
        s.desired = .deleted
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: true) == .destroy)
        #expect(ConvergenceStep.next(spec: nil, local: local(fault: "boom"), guestRunning: false) == .destroy)
        #expect(ConvergenceStep.next(spec: nil, local: nil, guestRunning: false) == .idle)
        // Deleted before this node made anything: still destroyed, so that the API hears it is gone.
        #expect(ConvergenceStep.next(spec: s, local: nil, guestRunning: false) == .destroy)
    }

    @Test func aFailedInstanceWaitsForItsDelete() {
        #expect(ConvergenceStep.next(spec: spec, local: local(generation: 0, fault: "no image"), guestRunning: false) == .idle)
    }

    @Test func anAttachedOrDetachedInterfaceChangesTheNICs() {
        var s = spec
        s.requestedNetworks.append(.init(networkID: "net2", fixedIP: nil, portID: nil))
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: true) == .syncNICs)
        s.requestedNetworks = []
        #expect(ConvergenceStep.next(spec: s, local: local(), guestRunning: true) == .syncNICs)
        let plan = NICPlan.diff(requested: [.init(networkID: nil, fixedIP: nil, portID: "p")], nics: local().nics)
        #expect(plan.missing.isEmpty && plan.extra.isEmpty)  // a port request is served by that port's NIC
        #expect(NICPlan.nextGuestName(local().nics) == "eth1")
    }
}

/// The guest's cpuinfo text, from a host's.
@Suite struct GuestCPUInfoTests {
    static let host = "processor\t: 0\nmodel name\t: X\n\nprocessor\t: 1\nmodel name\t: Y\n\n"

    @Test func keepsTheFlavorsCountRenumberedAndRepeatsTheLastWhenTheHostHasFewer() {
        #expect(GuestCPUInfo.text(host: Self.host, vcpus: 1) == "processor\t: 0\nmodel name\t: X\n\n")
        let four = GuestCPUInfo.text(host: Self.host, vcpus: 4)
        #expect(four.components(separatedBy: "\n").filter { $0.hasPrefix("processor") }
                == (0..<4).map { "processor\t: \($0)" })
        #expect(four.hasSuffix("processor\t: 3\nmodel name\t: Y\n\n"))
        #expect(GuestCPUInfo.text(host: "", vcpus: 2) == "")
    }
}
