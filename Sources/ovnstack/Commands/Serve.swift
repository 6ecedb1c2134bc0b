import ArgumentParser

/// `ovnstack serve <service>`: runs one API service in the foreground (what each service container runs).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one OVNStack API service in the foreground.",
        subcommands: [ServeIdentity.self, ServeNetwork.self, ServeImage.self, ServeCompute.self, ServeComputeAgent.self, ServeMetadata.self, ServeMetadataAgent.self]
    )
}
