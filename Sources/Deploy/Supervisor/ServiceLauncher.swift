import ProgramRunner
/// Starts a service's process and recognises it again later (after a supervisor restart).
public protocol ServiceLauncher: Sendable {
    /// Starts the service; returns the pid the supervisor watches.
    func launch(_ service: ServiceDefinition) throws -> Int32
    /// The running pid of a service started earlier, if it is still alive and ours.
    func find(_ service: ServiceDefinition) -> Int32?
    /// Cleans up after a process that ended (a container's remains).
    func cleanup(_ service: ServiceDefinition)
}

/// Runs each daemon as a plain process entered into its node's namespace. `ip netns exec` execs
/// the daemon in place, so the pid we get is the daemon's own. A service without a namespace
/// (a loopback API) is started directly in the root namespace.
public struct ProcessLauncher: ServiceLauncher {
    public init() {}

    public func launch(_ service: ServiceDefinition) throws -> Int32 {
        let ip = try Host.require("ip", package: "iproute2")
        guard let program = Program.find(service.program) else {
            throw DeployError.programMissing(program: service.program, package: HostChecks.package(of: service.program))
        }
        guard let netns = service.netns else {
            return try Spawn.start(program, service.arguments, environment: Spawn.environment(service.environment), logFile: service.outputFile)
        }
        return try Spawn.start(
            ip, ["netns", "exec", netns, program] + service.arguments,
            environment: Spawn.environment(service.environment), logFile: service.outputFile)
    }

    public func find(_ service: ServiceDefinition) -> Int32? {
        guard let pid = ProcessTable.readPidFile(service.pidFile),
            ProcessTable.isOurs(pid, markers: ["--pidfile=\(service.pidFile)"])
        else { return nil }
        return pid
    }

    public func cleanup(_ service: ServiceDefinition) {}
}
