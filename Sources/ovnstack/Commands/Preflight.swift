import ArgumentParser
import Deploy

/// `ovnstack preflight`: checks that each name their fix.
struct Preflight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check this machine; each failing check names its fix.")

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "runc or process (default: runc where installed, else process).")
    var runtime: RuntimeKind?

    @Flag(help: "Clean up namespaces and processes left over by a crashed run of this cluster.")
    var fix = false

    func run() async throws {
        let spec = ClusterSpec.standard(name: cluster.name)
        let check = PreflightChecks(layout: cluster.layout, spec: spec, runtime: runtime ?? Runtimes.preferred)
        if fix {
            for note in await check.cleanUp() { say(note) }
        }
        let results = check.run()
        for result in results { say(result.text) }
        let failed = results.filter { $0.outcome == .fail }.count
        say(failed == 0 ? "preflight: ready" : "preflight: \(failed) check(s) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
