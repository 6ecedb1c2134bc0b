/// What an agent reports about one instance (`PUT /internal/v1/instances/{id}/status`).
struct StatusReport: Sendable {
    var powerState: Int
    var generation: Int
    var ports: [PortReport]?
    var fault: (message: String, details: String?)?
    var deleted: Bool
}

/// An `os-server-external-events` entry.
struct ExternalEvent: Sendable {
    var name: String
    var serverID: String
    var status: String
    var tag: String?
}

/// How reports and events move an instance, as the agent contract says (build completes only once the agent
/// reported running and every reported port's `network-vif-plugged` arrived; faults and failed events are ERROR).
enum Lifecycle {
    /// Applies a report; `now` stamps launches and faults.
    static func apply(_ report: StatusReport, to instance: inout Instance, now: Double) {
        if let ports = report.ports { instance.ports = ports }
        instance.powerState = report.powerState
        if let fault = report.fault {
            instance.vmState = .error
            instance.taskState = nil
            instance.fault = .init(code: 500, message: fault.message, details: fault.details, created: now)
            return
        }
        guard report.generation == instance.generation else { return }
        if report.powerState == 1 {
            switch instance.taskState {
            case "rebuilding" where instance.vmState == .stopped:
                instance.desired = .stopped  // rebuilt while stopped: stop it again, then the rebuild is done
            case "rebooting", "rebooting_hard", "rebuilding", "powering-on":
                instance.vmState = .active
                instance.taskState = nil
            default:
                if instance.vmState == .building {
                    if instance.runningReportedAt == nil { instance.runningReportedAt = now }
                    completeBuildIfReady(&instance, now: now)
                }
            }
        } else if report.powerState == 4, instance.taskState == "powering-off"
                    || (instance.taskState == "rebuilding" && instance.vmState == .stopped && instance.desired == .stopped) {
            instance.vmState = .stopped
            instance.taskState = nil
        }
    }

    /// Nova's per-event answer code; a `network-vif-plugged` may complete the build.
    static func apply(_ event: ExternalEvent, to instance: inout Instance, now: Double) -> Int {
        guard instance.host != nil else { return 422 }
        guard let tag = event.tag else { return event.name == "network-changed" ? 200 : 400 }
        if event.name == "network-vif-plugged" {
            if event.status == "failed", instance.vmState == .building {
                fail(&instance, "Virtual Interface creation failed", now: now)
            } else if event.status == "completed", !instance.pluggedPorts.contains(tag) {
                instance.pluggedPorts.append(tag)
                if instance.vmState == .building, instance.runningReportedAt != nil { completeBuildIfReady(&instance, now: now) }
            }
        }
        return 200
    }

    /// ERROR "Virtual Interface creation failed" when the events have not all come `timeout` seconds after the report.
    static func checkPluggingTimeout(_ instance: inout Instance, now: Double, timeout: Double) -> Bool {
        guard instance.vmState == .building, let since = instance.runningReportedAt, now - since >= timeout else { return false }
        fail(&instance, "Virtual Interface creation failed", now: now)
        return true
    }

    /// ERROR with a fault (code 500).
    static func fail(_ instance: inout Instance, _ message: String, details: String? = nil, now: Double) {
        instance.vmState = .error
        instance.taskState = nil
        instance.fault = .init(code: 500, message: message, details: details, created: now)
    }

    private static func completeBuildIfReady(_ instance: inout Instance, now: Double) {
        guard instance.ports.allSatisfy({ instance.pluggedPorts.contains($0.portID) }) else { return }
        instance.vmState = .active
        instance.taskState = nil
        instance.launchedAt = now
        instance.runningReportedAt = nil
    }
}
