import ArgumentParser
import Compute
import Foundation
import OpenStackAPI

/// `ovnstack serve compute`: the Compute API (Nova v2.1 subset) and the compute agents' channel.
struct ServeCompute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Serve the compute API (Nova v2.1 subset).",
        discussion: """
            Tokens are validated against the identity service with the admin credentials, which are also the service
            user's for calls to Image, Networking and the compute agents.
            Example: ovnstack serve compute --state-dir /var/lib/ovnstack/compute --listen 127.0.0.1:8774 \
            --identity-url http://127.0.0.1:5000 --identity-password-file /var/lib/ovnstack/identity/admin-password \
            --image-url http://127.0.0.1:9292 --network-url http://127.0.0.1:9696
            """
    )

    @Option(help: "Directory of the compute database.")
    var stateDir: String

    @Option(help: "host:port to listen on (port 0 picks a free port).")
    var listen: String = "127.0.0.1:8774"

    @OptionGroup var identity: IdentityOptions

    @Option(help: "Image service URL.")
    var imageURL: String

    @Option(help: "Networking service URL.")
    var networkURL: String

    @Option(help: "Seconds a build waits for its network-vif-plugged events once the agent reports it running.")
    var vifPluggingTimeout: Double = 300

    @Option(help: "Write this process's pid here once the API serves (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        guard vifPluggingTimeout > 0 else { throw ValidationError("--vif-plugging-timeout must be positive") }
        guard let password = try? String(contentsOfFile: identity.identityPasswordFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !password.isEmpty else {
            throw ValidationError("cannot read the identity password from \(identity.identityPasswordFile); start the identity service first")
        }
        let token = ServiceToken(identityURL: identity.identityURL, credentials: .init(
            userName: identity.identityUser, password: password, projectName: identity.identityProject))
        let configuration = ComputeConfiguration(stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true), listen: address,
                                                 imageURL: imageURL, networkURL: networkURL, serviceToken: token,
                                                 vifPluggingTimeout: vifPluggingTimeout)
        let service = ComputeService(configuration: configuration, validator: try identity.validator())
        try await Foreground.serve(pidfile: pidfile, line: { "compute: listening on http://\(address.host):\($0)" }) { onReady in
            try await service.run(onReady: onReady)
        }
    }
}
