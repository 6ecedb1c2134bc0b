import Foundation

/// The guests of this node, one directory each under `<state>/guests/<instance id>` (root filesystem,
/// runc bundle, console log) and one runc root `<state>/runc` for their containers: the worker's view of
/// `InstanceRootfs` and `InstanceBundle`.
struct GuestRuntime: Sendable {
    let directory: URL

    init(directory: URL) { self.directory = directory }

    private var runcRoot: URL { directory.appendingPathComponent("runc") }
    private func guestDirectory(_ id: String) -> URL { directory.appendingPathComponent("guests").appendingPathComponent(id) }

    private func bundle(_ id: String, namespace: String = "", hostname: String = "", flavor: InstanceSpec.Flavor? = nil) -> InstanceBundle {
        InstanceBundle(id: "instance-\(id)", directory: guestDirectory(id), runcRoot: runcRoot, netns: namespace,
                       hostname: hostname.isEmpty ? "instance" : hostname, memoryMB: flavor?.ramMB ?? 512, vcpus: flavor?.vcpus ?? 1)
    }

    /// Unpacks the image and injects the hostname and key; `fresh` (a rebuild) replaces an existing root filesystem.
    func prepareRootfs(_ id: String, image: URL, hostname: String, keyData: String?, fresh: Bool = false) throws {
        let rootfs = InstanceRootfs(directory: guestDirectory(id))
        let keys = keyData.map { [$0] } ?? []
        if fresh {
            try rootfs.rebuild(image: image, imageName: image.lastPathComponent, hostname: hostname, authorizedKeys: keys)
        } else {
            try rootfs.unpack(image: image, imageName: image.lastPathComponent)
            try rootfs.inject(hostname: hostname, authorizedKeys: keys)
        }
    }

    /// Starts the guest's container in `namespace` with the flavor's limits.
    func start(_ id: String, namespace: String, hostname: String, flavor: InstanceSpec.Flavor) throws {
        try bundle(id, namespace: namespace, hostname: hostname, flavor: flavor).start()
    }

    /// Stops the guest: SIGTERM with a grace period, or at once with SIGKILL (`hard`); the container is deleted.
    func stop(_ id: String, hard: Bool) async {
        let b = bundle(id)
        if hard { b.kill() } else { try? await b.stop(grace: .seconds(5)) }
        b.delete()
    }

    /// Whether the guest's container runs.
    func isRunning(_ id: String) -> Bool { bundle(id).state() == .running }

    /// Removes the guest's container and directory.
    func remove(_ id: String) async {
        bundle(id).delete()
        try? InstanceRootfs(directory: guestDirectory(id)).remove()
        try? FileManager.default.removeItem(at: guestDirectory(id))
    }

    /// The last `lines` lines of the console log (all of it when nil), as Nova tails it: split on newlines
    /// (a trailing one makes an empty last line), the last `lines` kept, control characters but tab and
    /// newline removed. Nil when the guest has no console log.
    func console(_ id: String, lines: Int?) -> String? {
        guard let data = FileManager.default.contents(atPath: bundle(id).consoleLog.path) else { return nil }
        let printable = String(decoding: data, as: UTF8.self).unicodeScalars.filter { $0 == "\t" || $0 == "\n" || $0.value >= 0x20 }
        let text = String(String.UnicodeScalarView(printable))
        guard let lines, lines >= 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
