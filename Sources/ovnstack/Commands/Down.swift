import ArgumentParser
import Deploy
import Foundation

/// `ovnstack down`: stops what the cluster started and removes its namespaces.
struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop the cluster and remove its namespaces.")

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var clouds: CloudsOptions

    @Flag(help: "Also remove the state directory (databases, logs, chassis ids, API ports) and the cluster's clouds.yaml entries.")
    var purge = false

    func run() async throws {
        let clock = ContinuousClock.now
        if purge {
            do {
                for path in try CloudAccess(layout: cluster.layout, cluster: cluster.name).forget(clouds.url) {
                    say("removed clouds \(cluster.name) and \(cluster.name)-demo from \(path)")
                }
            } catch {
                say("warning: clouds.yaml entries not removed: \(error)")
            }
        }
        await Teardown(layout: cluster.layout).run(purge: purge) { say($0) }
        say("cluster \(cluster.name) is down (\((ContinuousClock.now - clock).seconds.formatted2)s)")
    }
}

extension Double {
    var formatted2: String { String(Double(Int(self * 100)) / 100) }
}
