import ArgumentParser
import Deploy
import Foundation

/// `ovnstack status`: services, chassis, tunnels.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show services, SB chassis and tunnels.")

    @OptionGroup var cluster: ClusterOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let status = await StatusCollector(layout: cluster.layout).collect(cluster: cluster.name)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            say(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            say(StatusText.render(status))
        }
        if !status.healthy { throw ExitCode(1) }
    }
}
