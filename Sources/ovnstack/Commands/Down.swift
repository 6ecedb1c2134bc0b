import ArgumentParser
import Deploy

/// `ovnstack down`: stops what the cluster started and removes its namespaces.
struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop the cluster and remove its namespaces.")

    @OptionGroup var cluster: ClusterOptions

    @Flag(help: "Also remove the state directory (databases, logs, chassis ids).")
    var purge = false

    func run() async throws {
        let clock = ContinuousClock.now
        await Teardown(layout: cluster.layout).run(purge: purge) { say($0) }
        say("cluster \(cluster.name) is down (\((ContinuousClock.now - clock).seconds.formatted2)s)")
    }
}

extension Double {
    var formatted2: String { String(Double(Int(self * 100)) / 100) }
}
