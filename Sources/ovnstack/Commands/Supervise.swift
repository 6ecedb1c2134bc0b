import ArgumentParser
import Deploy

/// `ovnstack supervise`: the per-cluster daemon `up` starts; not for direct use.
struct Supervise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the cluster's supervisor (started by `up`).", shouldDisplay: false)

    @Option(help: "The cluster's state directory.")
    var stateDir: String

    func run() async throws {
        let supervisor = try Supervisor(layout: StateLayout(root: stateDir))
        let status = try await supervisor.run()
        if status != 0 { throw ExitCode(status) }
    }
}
