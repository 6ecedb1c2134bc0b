import ArgumentParser

/// The `ovnstack` command: one binary for the CLI, the supervisor and every service, like Kolla's images.
@main
struct OVNStackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ovnstack",
        abstract: "A container-based, OpenStack-compatible cloud with OVN networking.",
        version: OVNStackVersion.string,
        subcommands: [
            // Each command lives in Commands/<Name>.swift; add new ones here.
            Up.self, Down.self, Status.self, Preflight.self, Nbctl.self, Sbctl.self, Vsctl.self, Supervise.self,
            Serve.self, Launch.self, SSH.self, ExecExt.self,
        ]
    )
}
