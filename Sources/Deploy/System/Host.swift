import ProgramRunner

/// The programs Deploy runs on the host, through `ProgramRunner`; a failure is a `DeployError`.
enum Host {
    /// Runs `program` and returns its output; throws `DeployError.programFailed` unless it exits 0.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws(DeployError) -> String {
        do { return try Program.run(program, arguments) } catch { throw DeployError(error) }
    }

    /// `run` without blocking the cooperative thread pool.
    @discardableResult
    static func runAsync(_ program: String, _ arguments: [String]) async throws(DeployError) -> String {
        do { return try await Program.runAsync(program, arguments) } catch { throw DeployError(error) }
    }

    /// The full path of `program`; throws `DeployError.programMissing` naming `package` when it is not installed.
    static func require(_ program: String, package: String) throws(DeployError) -> String {
        guard let path = Program.find(program) else { throw .programMissing(program: program, package: package) }
        return path
    }
}
