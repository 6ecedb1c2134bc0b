import Foundation
#if canImport(Glibc)
import Glibc
import ProgramRunner
#endif

/// Runs each daemon as a runc container from an `OCIBundle`. `runc run -d` returns once the
/// container runs; the daemon (exec'd as the container's process, host pid namespace) is then
/// watched by pid like any other. `cleanup` deletes the container.
public struct RuncLauncher: ServiceLauncher {
    public let layout: StateLayout

    public init(layout: StateLayout) { self.layout = layout }

    public func launch(_ service: ServiceDefinition) throws -> Int32 {
        let runc = try Host.require("runc", package: "runc")
        let bundle = OCIBundle(service: service, layout: layout)
        try bundle.write()
        _ = Program.probe(runc, ["--root", bundle.runcRoot, "delete", "--force", bundle.id])
        let pidFile = "\(bundle.directory)/container.pid"
        try? FileManager.default.removeItem(atPath: pidFile)
        // runc's stdout/stderr are inherited by the container: give it the service's log, never a pipe.
        let runner = try Spawn.start(
            runc, ["--root", bundle.runcRoot, "run", "--detach", "--bundle", bundle.directory, "--pid-file", pidFile, bundle.id],
            environment: Spawn.environment(), logFile: service.outputFile)
        var status: Int32 = 0
        while waitpid(runner, &status, 0) == -1 && errno == EINTR {}
        guard status == 0, let pid = ProcessTable.readPidFile(pidFile) else {
            throw DeployError.programFailed(command: "runc run \(bundle.id)", status: status, output: "see \(service.outputFile)")
        }
        return pid
    }

    public func find(_ service: ServiceDefinition) -> Int32? {
        ProcessLauncher().find(service)
    }

    public func cleanup(_ service: ServiceDefinition) {
        let bundle = OCIBundle(service: service, layout: layout)
        _ = Program.probe("runc", ["--root", bundle.runcRoot, "delete", "--force", bundle.id])
    }

    /// Deletes every container runc still knows in this cluster's runc root (after a crash).
    public func removeAll() -> [String] {
        let root = "\(layout.root)/runc"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for id in ids { _ = Program.probe("runc", ["--root", root, "delete", "--force", id]) }
        return ids
    }
}
