import ProgramRunner

/// Everything Deploy throws: each case names the cause and, where there is one, the fix.
public enum DeployError: Error, Equatable, CustomStringConvertible {
    /// The cluster spec cannot be used; the text says what to change.
    case invalidSpec(String)
    /// A program exited non-zero (or could not start), with what it printed.
    case programFailed(command: String, status: Int32, output: String)
    /// A program is not installed; `package` is the Debian package that brings it.
    case programMissing(program: String, package: String)
    /// A port the cluster needs is taken.
    case portBusy(detail: String, fix: String)
    /// A system call failed (`errno`'s text in `reason`).
    case system(call: String, reason: String)
    /// Another supervisor already runs this cluster.
    case alreadySupervised(pid: String)
    /// The cluster has no state yet (`ovnstack up` was never run).
    case notUp(clusterFile: String)
    /// A daemon died or never became ready; its log says why.
    case serviceFailed(id: String, why: String, log: String?)
    /// The supervisor reported a failure or exited while `up` waited for it.
    case supervisorFailed(String, log: String)
    /// Something was not ready in time.
    case timedOut(what: String, after: Duration, lastError: String?)
    /// A container root filesystem cannot be laid out as the host has it.
    case rootfs(String)

    /// A program failure from `ProgramRunner`: a missing program names `package`, when known.
    public init(_ failure: ProgramFailure, package: String? = nil) {
        if failure.notFound, let package {
            self = .programMissing(program: failure.command.split(separator: " ").first.map(String.init) ?? failure.command, package: package)
        } else {
            self = .programFailed(command: failure.command, status: failure.status, output: failure.output)
        }
    }

    /// The cause and the fix, for the operator.
    public var description: String {
        switch self {
        case .invalidSpec(let why):
            "invalid cluster spec: \(why)"
        case .programFailed(let command, let status, let output):
            status == 127
                ? "`\(command)`: \(command.split(separator: " ").first ?? "") is not installed; run `ovnstack preflight` for the packages"
                : "`\(command)` exited \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .programMissing(let program, let package):
            "\(program) is not installed\nfix: apt-get install -y \(package)"
        case .portBusy(let detail, let fix):
            "\(detail)\nfix: \(fix)"
        case .system(let call, let reason):
            "\(call) failed: \(reason)"
        case .alreadySupervised(let pid):
            "another supervisor (pid \(pid)) runs this cluster\nfix: `ovnstack down` first, or use another --name"
        case .notUp(let clusterFile):
            "no \(clusterFile)\nfix: run `ovnstack up`"
        case .serviceFailed(let id, let why, let log):
            "\(id): \(why)" + (log.map { "; see \($0)" } ?? "")
        case .supervisorFailed(let why, let log):
            "\(why)\nsee \(log)"
        case .timedOut(let what, let after, let lastError):
            "timed out after \(after) waiting for \(what)" + (lastError.map { " (\($0))" } ?? "")
        case .rootfs(let why):
            "container rootfs: \(why)"
        }
    }
}
