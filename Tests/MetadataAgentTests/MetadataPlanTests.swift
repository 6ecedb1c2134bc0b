import Foundation
import OVNModel
import Testing
@testable import MetadataAgent

/// Which networks get a namespace, with which addresses and MTU, and which instance a request comes from.
struct MetadataPlanTests {
    static let chassis = UUID(), other = UUID(), dp1 = UUID(), dp2 = UUID()
    static let net1 = "11111111-1111-4111-8111-111111111111", net2 = "22222222-2222-4222-8222-222222222222"

    static func datapath(_ uuid: UUID, _ network: String) -> SB.DatapathBinding {
        var d = SB.DatapathBinding()
        d.uuid = uuid
        d.externalIDs = ["name": "neutron-\(network)", "name2": "private"]
        return d
    }

    static func port(_ name: String, on dp: UUID, type: String = "", chassis: UUID? = nil, mac: [String], ids: [String: String] = [:]) -> SB.PortBinding {
        var p = SB.PortBinding()
        p.uuid = UUID()
        p.logicalPort = name
        p.datapath = dp
        p.type = type
        p.chassis = chassis
        p.mac = mac
        p.externalIDs = ids
        return p
    }

    static func metadataPort(on dp: UUID, cidrs: String, mac: String = "fa:16:3e:00:00:02 10.0.0.2 10.1.0.2") -> SB.PortBinding {
        port("md-\(dp.uuidString.prefix(4))", on: dp, type: "localport", mac: [mac],
             ids: ["neutron:device_owner": "network:distributed", "neutron:device_id": "ovnmeta-x", "neutron:cidrs": cidrs])
    }

    static func vif(_ name: String, on dp: UUID, chassis: UUID? = MetadataPlanTests.chassis, mac: String, device: String = "vm-1",
                    project: String = "p-1") -> SB.PortBinding {
        port(name, on: dp, chassis: chassis, mac: [mac], ids: ["neutron:device_id": device, "neutron:project_id": project])
    }

    static func view(_ ports: [SB.PortBinding], mtus: [String: Int] = [:]) -> SouthboundView {
        SouthboundView(chassis: chassis, ports: ports, datapaths: [datapath(dp1, net1), datapath(dp2, net2)], interfaceMTUs: mtus)
    }

    @Test func aNetworkWithoutALocalVIFGetsNoNamespace() {
        let ports = [Self.metadataPort(on: Self.dp1, cidrs: "10.0.0.2/24"),
                     Self.vif("remote", on: Self.dp1, chassis: Self.other, mac: "fa:16:3e:00:00:10 10.0.0.10"),
                     Self.vif("unbound", on: Self.dp1, chassis: nil, mac: "fa:16:3e:00:00:11 10.0.0.11")]
        #expect(MetadataPlan.networks(Self.view(ports)).isEmpty)
    }

    @Test func aVIFWithoutIPv4GetsNoNamespace() {
        let ports = [Self.metadataPort(on: Self.dp1, cidrs: "10.0.0.2/24 fd00::2/64"),
                     Self.vif("v6only", on: Self.dp1, mac: "fa:16:3e:00:00:10 fd00::10"),
                     Self.vif("nomac", on: Self.dp1, mac: "unknown")]
        #expect(MetadataPlan.networks(Self.view(ports)).isEmpty)
    }

    @Test func aMetadataPortWithoutMACGetsNoNamespace() {
        let ports = [Self.metadataPort(on: Self.dp1, cidrs: "10.0.0.2/24", mac: "unknown"),
                     Self.vif("vm", on: Self.dp1, mac: "fa:16:3e:00:00:10 10.0.0.10")]
        #expect(MetadataPlan.networks(Self.view(ports)).isEmpty)
        #expect(MetadataPlan.networks(SouthboundView(chassis: nil, ports: ports, datapaths: [Self.datapath(Self.dp1, Self.net1)])).isEmpty)
    }

    @Test func addressesAreTheMetadataCIDRsOfSubnetsWithALocalVIFPlusTheMetadataAddress() throws {
        let ports = [Self.metadataPort(on: Self.dp1, cidrs: "10.1.0.2/24 10.0.0.2/24 fd00::2/64"),
                     Self.vif("vm", on: Self.dp1, mac: "fa:16:3e:00:00:10 10.0.0.10"),
                     Self.vif("elsewhere", on: Self.dp1, chassis: Self.other, mac: "fa:16:3e:00:00:20 10.1.0.20"),
                     Self.metadataPort(on: Self.dp2, cidrs: "192.168.5.2/24", mac: "fa:16:3e:00:00:52 192.168.5.2")]
        let plans = MetadataPlan.networks(Self.view(ports, mtus: ["vm": 1442]))
        #expect(plans.count == 1)
        let plan = try #require(plans[Self.net1])
        #expect(plan.addresses == ["10.0.0.2/24", "169.254.169.254/32"])
        #expect(plan.mac == "fa:16:3e:00:00:02")
        #expect(plan.metadataPort == ports[0].logicalPort)
        #expect(plan.datapath == Self.dp1)
        #expect(plan.mtu == 1442)
    }

    @Test func anAdditionallyBoundVIFCountsAndMTUIsTheSmallestLocalOneOrTheDefault() throws {
        var moving = Self.vif("moving", on: Self.dp1, chassis: Self.other, mac: "fa:16:3e:00:00:30 10.1.0.30")
        moving.additionalChassis = [Self.chassis]
        let ports = [Self.metadataPort(on: Self.dp1, cidrs: "10.0.0.2/24 10.1.0.2/24"), moving,
                     Self.vif("vm", on: Self.dp1, mac: "fa:16:3e:00:00:10 10.0.0.10")]
        let plan = try #require(MetadataPlan.networks(Self.view(ports, mtus: ["vm": 1442, "moving": 1400]))[Self.net1])
        #expect(plan.addresses == ["10.0.0.2/24", "10.1.0.2/24", "169.254.169.254/32"])
        #expect(plan.mtu == 1400)
        #expect(try #require(MetadataPlan.networks(Self.view(ports))[Self.net1]).mtu == MetadataPlan.defaultMTU)
    }

    @Test func instanceLookupNeedsExactlyOneBoundPortHoldingTheAddress() {
        let base = [Self.metadataPort(on: Self.dp1, cidrs: "10.0.0.2/24"),
                    Self.vif("vm", on: Self.dp1, chassis: Self.other, mac: "fa:16:3e:00:00:10 10.0.0.10", device: "inst-a", project: "proj-a"),
                    Self.vif("unbound", on: Self.dp1, chassis: nil, mac: "fa:16:3e:00:00:11 10.0.0.11", device: "inst-b"),
                    Self.vif("other-net", on: Self.dp2, mac: "fa:16:3e:00:00:12 10.0.0.12", device: "inst-c")]
        let view = Self.view(base)
        #expect(InstanceLookup.find(address: "10.0.0.10", network: Self.net1, in: view) == InstanceIdentity(instanceID: "inst-a", projectID: "proj-a"))
        #expect(InstanceLookup.find(address: "::ffff:10.0.0.10", network: Self.net1, in: view)?.instanceID == "inst-a")
        #expect(InstanceLookup.find(address: "10.0.0.99", network: Self.net1, in: view) == nil)
        #expect(InstanceLookup.find(address: "10.0.0.11", network: Self.net1, in: view) == nil, "an unbound port is no instance")
        #expect(InstanceLookup.find(address: "10.0.0.12", network: Self.net1, in: view) == nil, "a port of another network")
        #expect(InstanceLookup.find(address: "10.0.0.2", network: Self.net1, in: view) == nil, "the localport is never bound")
        let twice = Self.view(base + [Self.vif("dup", on: Self.dp1, mac: "fa:16:3e:00:00:13 10.0.0.10", device: "inst-d")])
        #expect(InstanceLookup.find(address: "10.0.0.10", network: Self.net1, in: twice) == nil, "two ports hold it: ambiguous")
    }
}
