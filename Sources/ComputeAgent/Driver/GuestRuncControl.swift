import Foundation
import ProgramRunner
#if canImport(Glibc)
import Glibc
#endif

/// What `runc state` says of an instance's container.
enum GuestContainerState: String, Sendable {
    case creating, created, running, paused, stopped
}

extension InstanceBundle {
    /// Starts the container (`runc --root R run --detach --bundle B --pid-file P ID`) with the console log
    /// as runc's inherited stdout and stderr (never a pipe: the guest outlives this call). Returns init's
    /// host pid. Writes config.json first; a stopped container of the same id is deleted first.
    @discardableResult
    func start() throws -> Int32 {
        let runc = try Self.runc()
        try write()
        try FileManager.default.createDirectory(at: runcRoot, withIntermediateDirectories: true)
        if let state = state(), state != .stopped {
            throw GuestDriverError.commandFailed("runc run \(id)", output: "container \(id) is already \(state.rawValue)")
        }
        _ = Program.probe(runc, ["--root", runcRoot.path, "delete", "--force", id])
        try? FileManager.default.removeItem(at: pidFile)
        // Through ChildProcess, not Foundation's Process: runc hands its signal mask on to the container,
        // where init would never see SIGTERM nor dropbear its children exit if the runtime's mask came along.
        let runner = try ChildProcess.spawn(
            runc, ["--root", runcRoot.path, "run", "--detach", "--bundle", directory.path, "--pid-file", pidFile.path, id],
            environment: ProcessInfo.processInfo.environment, output: .appended(toFile: consoleLog.path, mode: 0o640))
        let status = ChildProcess.wait(runner)
        guard status == 0,
              let text = try? String(contentsOf: pidFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            _ = Program.probe(runc, ["--root", runcRoot.path, "delete", "--force", id])
            throw GuestDriverError.commandFailed("runc run \(id)", output: "exited \(status), see \(consoleLog.path)")
        }
        return pid
    }

    /// Clean shutdown: SIGTERM to init (which stops the guest's processes and exits), SIGKILL after
    /// `grace`; then the stopped container is deleted from runc, so `state()` is nil afterwards.
    func stop(grace: Duration = .seconds(10)) async throws {
        guard let runc = Program.find("runc") else { return }
        if let state = state(), state != .stopped {
            _ = Program.probe(runc, ["--root", runcRoot.path, "kill", id, "TERM"])
            if !(await waitStopped(within: grace)) { kill() }
        }
        _ = Program.probe(runc, ["--root", runcRoot.path, "delete", "--force", id])
    }

    /// Hard kill: SIGKILL to init (the kernel then kills the whole pid namespace).
    func kill() {
        _ = Program.probe("runc", ["--root", runcRoot.path, "kill", id, "KILL"])
    }

    /// The container's runc state, nil when runc does not know it.
    func state() -> GuestContainerState? {
        let result = Program.probe("runc", ["--root", runcRoot.path, "state", id])
        guard result.succeeded, let data = result.output.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let status = object["status"] as? String
        else { return nil }
        return GuestContainerState(rawValue: status)
    }

    /// Forgets the container (force-deleting it if it still runs) and removes the bundle's files:
    /// config.json, the pid file and the console log. The rootfs is `InstanceRootfs.remove`'s.
    func delete() {
        _ = Program.probe("runc", ["--root", runcRoot.path, "delete", "--force", id])
        for file in [configFile, pidFile, consoleLog, cpuinfoFile] { try? FileManager.default.removeItem(at: file) }
    }

    /// Polls until the container is stopped or gone; false when `within` passed first.
    private func waitStopped(within: Duration) async -> Bool {
        let deadline = ContinuousClock.now + within
        while ContinuousClock.now < deadline {
            if state() ?? .stopped == .stopped { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return state() ?? .stopped == .stopped
    }

    private static func runc() throws -> String {
        guard let runc = Program.find("runc") else { throw GuestDriverError.missingProgram("runc", package: "runc") }
        return runc
    }
}
