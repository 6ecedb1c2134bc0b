import ArgumentParser
import Foundation
import Metadata
import MetadataSecret
import OpenStackAPI

/// `ovnstack serve metadata`: the metadata service (nova-metadata) behind the metadata agents.
struct ServeMetadata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata",
        abstract: "Serve instance metadata (nova-metadata) to the metadata agents' signed requests.",
        discussion: """
            Every request must carry X-Instance-ID, X-Tenant-ID and X-Instance-ID-Signature (HMAC-SHA256 of the instance id \
            with the shared secret); instance data comes from the compute API, read as the identity user.
            Example: ovnstack serve metadata --listen 127.0.0.1:8775 --shared-secret-file /var/lib/ovnstack/ovnstack/ctl/metadata-secret \
            --compute-url http://127.0.0.1:8774/v2.1 --identity-url http://127.0.0.1:5000 \
            --identity-password-file /var/lib/ovnstack/identity/admin-password
            """
    )

    @Option(help: "host:port to listen on (port 0 picks a free port).")
    var listen: String = "127.0.0.1:8775"

    @Option(help: "File holding the secret shared with the metadata agents (trimmed; never logged).")
    var sharedSecretFile: String

    @Option(help: "Compute API URL (with /v2.1).")
    var computeURL: String

    @Option(help: "Seconds an instance's metadata is reused before compute is asked again (0 disables the cache).")
    var cacheSeconds: Int = 15

    @OptionGroup var identity: IdentityOptions

    @Option(help: "Write this process's pid here once the service listens (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        guard (0...3600).contains(cacheSeconds) else { throw ValidationError("--cache-seconds must be between 0 and 3600") }
        let secret: SharedSecret
        do { secret = try SharedSecret(contentsOfFile: sharedSecretFile) } catch { throw ValidationError("\(error)") }
        let configuration = MetadataConfiguration(listen: address, sharedSecret: secret, computeURL: computeURL,
                                                  cacheLifetime: .seconds(cacheSeconds))
        let service = MetadataService(configuration: configuration, token: try identity.serviceToken())
        try await Foreground.serve(pidfile: pidfile, line: { "metadata: listening on http://\(address.host):\($0)" }) { onReady in
            try await service.run(onReady: onReady)
        }
    }
}
