import ArgumentParser
import Deploy
import Foundation

/// `ovnstack up`: the whole cluster on this machine; a second `up` changes nothing.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the cluster up (idempotent).")

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var clouds: CloudsOptions

    @Option(name: [.short, .long], help: "Cluster spec (YAML); every field is optional.")
    var file: String?

    @Option(help: "Number of compute nodes (c1…cN).")
    var computes: Int?

    @Option(help: "runc or process (default: runc where installed, else process).")
    var runtime: RuntimeKind?

    func run() async throws {
        var spec = try file.map { try ClusterSpec.load(path: $0) } ?? ClusterSpec()
        if file == nil || cluster.name != "ovnstack" { spec.name = cluster.name }
        if let computes { spec.setComputes(computes) }
        let layout = StateLayout.resolve(cluster: spec.name, override: cluster.stateDir)
        let kind = runtime ?? spec.runtime ?? Runtimes.preferred
        say("ovnstack up: cluster \(spec.name), \(spec.nodes.count) nodes, runtime \(kind.rawValue), state \(layout.root)")
        let result = try await ClusterController(layout: layout).up(spec: spec, runtime: kind) { say($0) }
        if result == .alreadyUp { say("cluster \(spec.name) is already up; nothing to do") }
        let authURL = try await CloudAccess(layout: layout, cluster: spec.name).publish(into: clouds.url)
        let started = ContinuousClock.now
        let networks = try await CloudNetworks(layout: layout).ensure()
        let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18 + Double((ContinuousClock.now - started).components.seconds)
        say(String(format: "cloud networks: %@ (%.2f s)", networks, seconds))
        let imageStarted = ContinuousClock.now
        let image = try await CloudImages(layout: layout).ensure()
        say("cloud image: \(image) (\(Self.seconds(since: imageStarted)))")
        say(StatusText.render(await StatusCollector(layout: layout).collect(cluster: spec.name)))
        say("identity at \(authURL); clouds.yaml entries \(spec.name) and \(spec.name)-demo in \(clouds.url.path); \(layout.openrcFile)")
        say("export OS_CLOUD=\(spec.name)")
    }
}

extension Up {
    /// "0.42 s" since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> String {
        let d = ContinuousClock.now - start
        return String(format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
}

extension RuntimeKind: ExpressibleByArgument {}
