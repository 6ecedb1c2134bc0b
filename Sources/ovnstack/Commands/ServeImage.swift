import ArgumentParser
import Foundation
import Image
import OpenStackAPI

/// `ovnstack serve image`: the Image API (Glance v2 subset), images kept in the state directory.
struct ServeImage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Serve the image API (Glance v2 subset).",
        discussion: """
            Tokens are validated against the identity service with the admin credentials.
            Example: ovnstack serve image --state-dir /var/lib/ovnstack/image --listen 127.0.0.1:9292 \
            --identity-url http://127.0.0.1:5000 --identity-password-file /var/lib/ovnstack/identity/admin-password
            """
    )

    @Option(help: "Directory of the image database and the image files.")
    var stateDir: String

    @Option(help: "host:port to listen on (port 0 picks a free port).")
    var listen: String = "127.0.0.1:9292"

    @OptionGroup var identity: IdentityOptions

    @Option(help: "Largest image accepted, in MiB.")
    var maxImageSizeMiB: Int = 1 << 20

    @Option(help: "Write this process's pid here once the API serves (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        guard maxImageSizeMiB > 0, maxImageSizeMiB <= 1 << 30 else { throw ValidationError("--max-image-size-mib must be between 1 and \(1 << 30)") }
        let configuration = ImageConfiguration(stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true), listen: address,
                                               maxImageSize: maxImageSizeMiB << 20)
        let service = ImageService(configuration: configuration, validator: try identity.validator())
        try await Foreground.serve(pidfile: pidfile, line: { "image: listening on http://\(address.host):\($0)" }) { onReady in
            try await service.run(onReady: onReady)
        }
    }
}
