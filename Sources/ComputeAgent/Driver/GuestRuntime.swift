import Foundation

/// The guests of this node: each instance's root filesystem, runc container and console log, under
/// `<state>/guests/<instance id>`. (Adapter over `InstanceRootfs` and `InstanceBundle`.)
struct GuestRuntime: Sendable {
    let directory: URL

    init(directory: URL) { self.directory = directory }

    func prepareRootfs(_ id: String, image: URL, hostname: String, keyData: String?, fresh: Bool = false) throws {
        throw AgentError.host("guest runtime pending")
    }

    func start(_ id: String, namespace: String, flavor: InstanceSpec.Flavor) throws {
        throw AgentError.host("guest runtime pending")
    }

    func stop(_ id: String, hard: Bool) async {}

    func isRunning(_ id: String) -> Bool { false }

    func remove(_ id: String) async {}

    func console(_ id: String, lines: Int?) -> String? { nil }
}
