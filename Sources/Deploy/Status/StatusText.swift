import Foundation

/// `ClusterStatus` as the table `ovnstack status` prints.
public enum StatusText {
    public static func render(_ s: ClusterStatus) -> String {
        var out: [String] = []
        let supervisor = s.supervisorPid.map { "supervisor pid \($0)\(s.supervisorRSSKiB.map { ", RSS \($0 / 1024) MiB" } ?? "")" }
            ?? "supervisor not running"
        out.append("cluster \(s.cluster): \(s.healthy ? "healthy" : "NOT healthy") — \(supervisor), runtime \(s.runtime?.rawValue ?? "-"), state \(s.stateDir)")
        out.append(row("NODE", "SERVICE", "PID", "UPTIME", "RESTARTS", "HEALTH"))
        for service in s.services {
            out.append(row(
                service.node, service.service, service.pid.map(String.init) ?? "-", service.uptime.map(duration) ?? "-",
                String(service.restarts),
                service.healthy == true ? "ok" : "\(service.phase.rawValue)\(service.lastExit.map { " (\($0))" } ?? "")"))
        }
        if let container = s.services.first?.container, let cut = container.range(of: "-\(s.services[0].node)-") {
            out.append("containers: runc, ids \(container[..<cut.lowerBound])-<node>-<service> (runc --root \(s.stateDir)/runc list)")
        }
        out.append("chassis in SB (\(s.chassis.count)):")
        for c in s.chassis {
            let encaps = c.encaps.map { "\($0.type) \($0.ip)" }.joined(separator: ", ")
            let gw = c.gateway ? "  gateway \(c.bridgeMappings ?? "")" : ""
            out.append("  \(c.hostname.padding(toLength: 6, withPad: " ", startingAt: 0)) \(c.name)  \(encaps)\(gw)")
        }
        out.append("tunnels: \(s.tunnels.count)/\(s.expectedTunnels)" + (s.tunnels.count >= s.expectedTunnels ? " (full mesh)" : " (INCOMPLETE)"))
        if !s.foreignPatchPorts.isEmpty {
            out.append("foreign patch ports (not created by OVN; remove them): \(s.foreignPatchPorts.joined(separator: ", "))")
        }
        if !s.instances.isEmpty {
            out.append("instances (\(s.instances.count)):")
            for i in s.instances {
                out.append("  \(i.node.padding(toLength: 6, withPad: " ", startingAt: 0)) \(i.id)  \(i.interfaces.joined(separator: ", "))\(i.installed ? "" : "  (flows not installed yet)")")
            }
        }
        for problem in s.problems { out.append("problem: \(problem)") }
        return out.joined(separator: "\n")
    }

    private static func row(_ cells: String...) -> String {
        let widths = [6, 17, 8, 9, 9, 0]
        return zip(cells, widths).map { $1 > 0 ? $0.padding(toLength: max($1, $0.count + 1), withPad: " ", startingAt: 0) : $0 }.joined()
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 120 { return "\(s)s" }
        if s < 7200 { return "\(s / 60)m" }
        return "\(s / 3600)h"
    }
}
