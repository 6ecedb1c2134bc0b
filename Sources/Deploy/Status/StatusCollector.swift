import Foundation
import OVNModel
import OVSDB

/// Gathers `ClusterStatus`: the supervisor's report, checked against /proc and the control
/// sockets, plus the SB chassis and each node's tunnel and patch ports read through OVSDB.
public struct StatusCollector: Sendable {
    public let layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    public func collect(cluster: String) async -> ClusterStatus {
        var status = await gather(cluster: cluster)
        status.healthy = status.evaluateHealth()
        return status
    }

    private func gather(cluster: String) async -> ClusterStatus {
        let state = try? ClusterState.load(layout)
        let supervisor = SupervisorHandle(layout: layout).pid
        let report = supervisor != nil ? SupervisorReport.load(layout) : nil
        var status = ClusterStatus(
            cluster: state?.spec.name ?? cluster, stateDir: layout.root, runtime: state?.runtime,
            supervisorPid: supervisor, supervisorRSSKiB: supervisor.flatMap(ProcessTable.rssKiB),
            ready: report?.ready ?? false, services: [], chassis: [], tunnels: [], expectedTunnels: 0,
            foreignPatchPorts: [], namespaces: [], problems: [])
        guard let state else { return status }
        let nodeCount = state.spec.nodes.count
        status.expectedTunnels = nodeCount * (nodeCount - 1)
        status.namespaces = LocalDriver(state: state).existingNamespaces()
        let plan = ServicePlan(state: state, layout: layout)
        let reported = Dictionary((report?.services ?? []).map { ("\($0.node)/\($0.service)", $0) }, uniquingKeysWith: { a, _ in a })
        for service in plan.services {
            var entry = reported[service.id]
                ?? ServiceStatus(node: service.node, service: service.kind.rawValue, pid: nil, startedAt: nil, restarts: 0, phase: .stopped)
            if state.runtime == .runc { entry.container = OCIBundle(service: service, layout: layout).id }
            if let pid = entry.pid, ProcessTable.isAlive(pid) {
                entry.uptime = ProcessTable.uptime(pid)
                // An agent writes its pid file once it has registered; a daemon has its control socket.
                entry.healthy = service.listenPort.map(LoopbackPort.answers)
                    ?? FileManager.default.fileExists(atPath: service.hostMounts ? service.pidFile : service.controlSocket(pid: pid))
            } else {
                entry.pid = nil
                entry.healthy = false
            }
            status.services.append(entry)
        }
        guard supervisor != nil else { return status }
        await collectChassis(state, into: &status)
        for node in state.spec.nodes { await collectPorts(state, node: node.name, into: &status) }
        return status
    }

    private func collectChassis(_ state: ClusterState, into status: inout ClusterStatus) async {
        let socket = layout.sbSocket(state.spec.controlNode.name)
        do {
            let (chassis, encaps) = try await OVSDBSession.with(.unix(path: socket), database: SB.database, wait: .seconds(2)) { client in
                (try await OVSDBSession.select(client, SB.Chassis.self), try await OVSDBSession.select(client, SB.Encap.self))
            }
            let encapByUUID = Dictionary(encaps.compactMap { e in e.uuid.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
            let byID = Dictionary(state.systemIDs.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            status.chassis = chassis.map { row in
                let config = row.otherConfig.merging(row.externalIDs) { a, _ in a }
                return ClusterStatus.Chassis(
                    name: row.name, hostname: row.hostname.isEmpty ? byID[row.name] ?? "" : row.hostname,
                    encaps: row.encaps.compactMap { encapByUUID[$0] }.map { ClusterStatus.Encap(type: $0.type, ip: $0.ip) },
                    gateway: (config["ovn-cms-options"] ?? "").contains("enable-chassis-as-gw"),
                    bridgeMappings: config["ovn-bridge-mappings"].flatMap { $0.isEmpty ? nil : $0 })
            }.sorted { $0.hostname < $1.hostname }
        } catch {
            status.problems.append("SB at \(socket): \(error)")
        }
    }

    private func collectPorts(_ state: ClusterState, node: String, into status: inout ClusterStatus) async {
        let socket = layout.ovsSocket(node)
        typealias Interface = VSwitch.Interface
        typealias Port = VSwitch.Port
        do {
            let (interfaces, ports) = try await OVSDBSession.with(.unix(path: socket), database: VSwitch.database, wait: .seconds(2)) { client in
                (try await OVSDBSession.select(client, Interface.self, columns: [Interface.Column.name, Interface.Column.type, Interface.Column.options,
                                                                                  Interface.Column.externalIDs]),
                 try await OVSDBSession.select(client, Port.self, columns: [Port.Column.name, Port.Column.externalIDs]))
            }
            for row in interfaces where row.type == state.spec.encap {
                status.tunnels.append(ClusterStatus.Tunnel(node: node, port: row.name, remoteIP: row.options["remote_ip"] ?? ""))
            }
            var instances: [String: ClusterStatus.Instance] = [:]
            for row in interfaces {
                guard let vm = row.externalIDs["vm-uuid"] else { continue }
                var entry = instances[vm] ?? ClusterStatus.Instance(node: node, id: vm, interfaces: [], installed: true)
                entry.interfaces.append(row.name)
                entry.installed = entry.installed && row.externalIDs["ovn-installed"] == "true"
                instances[vm] = entry
            }
            status.instances += instances.values.sorted { $0.id < $1.id }
            let portIDs = Dictionary(ports.map { ($0.name, $0.externalIDs) }, uniquingKeysWith: { a, _ in a })
            for row in interfaces where row.type == "patch" {
                let ids = portIDs[row.name] ?? [:]
                if !ids.keys.contains(where: { $0.hasPrefix("ovn-") }) { status.foreignPatchPorts.append("\(node)/\(row.name)") }
            }
        } catch {
            status.problems.append("\(node) Open_vSwitch at \(socket): \(error)")
        }
    }
}
