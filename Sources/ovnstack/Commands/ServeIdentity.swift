import ArgumentParser
import Foundation
import Identity
import Logging
import OpenStackAPI

/// `ovnstack serve identity`: the Keystone v3 subset; bootstraps the state directory on first start.
struct ServeIdentity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Serve the identity API (Keystone v3 subset).",
        discussion: """
            On first start it creates the Default domain, the admin/member/reader roles, the admin and demo \
            projects and users (passwords in <state-dir>/admin-password and demo-password, mode 0600) and the catalog.
            Example: ovnstack serve identity --state-dir /var/lib/ovnstack/identity --listen 127.0.0.1:5000 \
            --service network:9696 --service compute:8774/v2.1 --service image:9292 --clouds-yaml ~/.config/openstack/clouds.yaml
            """
    )

    @Option(help: "Directory of the database and the generated password files.")
    var stateDir: String

    @Option(help: "host:port to listen on (port 0 picks a free port).")
    var listen: String = "127.0.0.1:5000"

    @Option(help: "Host in the public catalog endpoints (default: the listen host).")
    var publicEndpointHost: String?

    @Option(help: "Host in the internal and admin catalog endpoints (default: the public host).")
    var internalEndpointHost: String?

    @Option(help: "Catalog region.")
    var region: String = "RegionOne"

    @Option(name: .customLong("service"), help: "Another service the cluster runs, for the catalog, as type:port[/path] (repeatable); identity registers itself.")
    var services: [String] = []

    @Option(help: "Token lifetime in seconds.")
    var tokenLifetime: Int = 3600

    @Option(help: "Merge <cluster> and <cluster>-demo entries into this clouds.yaml once the service answers.")
    var cloudsYaml: String?

    @Option(help: "Cluster name used for the clouds.yaml entries.")
    var cluster: String = "ovnstack"

    @Option(help: "Write this process's pid here once the API serves (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        var catalog: [CatalogService] = []
        for text in services {
            guard let service = CatalogService(parsing: text) else { throw ValidationError("--service must be type:port[/path], got '\(text)'") }
            catalog.append(service)
        }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        let stateDirectory = URL(fileURLWithPath: stateDir, isDirectory: true)
        let configuration = IdentityConfiguration(
            stateDirectory: stateDirectory, listen: address, publicEndpointHost: publicEndpointHost,
            internalEndpointHost: internalEndpointHost, region: region, services: catalog,
            tokenLifetime: TimeInterval(tokenLifetime))
        let service = try IdentityService(configuration: configuration)
        let cloudsPath = cloudsYaml, cluster = cluster, region = region, publicHost = configuration.resolvedPublicHost
        try await Foreground.serve(pidfile: pidfile, line: { "identity: listening on http://\(address.host):\($0) (auth_url http://\(publicHost):\($0)/v3)" }) { onReady in
            try await service.run { port, credentials in
                if let cloudsPath {
                    do {
                        try CloudsFile.merge(CloudEntry.cluster(cluster, authURL: "http://\(publicHost):\(port)/v3", credentials: credentials,
                                                                regionName: region), into: URL(fileURLWithPath: cloudsPath))
                    } catch {
                        FileHandle.standardError.write(Data("ovnstack: clouds.yaml not written: \(error)\n".utf8))
                    }
                }
                await onReady(port)
            }
        }
    }
}
