import ArgumentParser
import ComputeAgent
import Foundation
import OpenStackAPI

/// `ovnstack serve compute-agent`: the compute agent of one node (instances as runc containers plugged into br-int).
struct ServeComputeAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute-agent",
        abstract: "Run a compute node's agent: instances as containers, their NICs plugged into br-int.",
        discussion: """
            Registers the hypervisor with the compute API, then converges the node's instances to what it wants.
            Example: ovnstack serve compute-agent --host c1 --node-netns ovnstack-c1 --ovs-db unix:/var/lib/ovnstack/ovnstack/c1/run/db.sock \
            --state-dir /var/lib/ovnstack/ovnstack/c1/compute-agent --compute-url http://127.0.0.1:8774/v2.1 \
            --network-url http://127.0.0.1:9696 --image-url http://127.0.0.1:9292 --identity-url http://127.0.0.1:5000 \
            --identity-password-file /var/lib/ovnstack/ovnstack/ctl/identity/admin-password
            """
    )

    @Option(help: "The hypervisor's host name: the chassis' external_ids:hostname (Networking's binding:host_id).")
    var host: String

    @Option(help: "The node's network namespace, where its ovs-vswitchd runs (omit: the current one).")
    var nodeNetns: String?

    @Option(help: "Prefix of the instances' network namespace names (default: <host>-vm).")
    var netnsPrefix: String?

    @Option(help: "The node's Open_vSwitch database (unix:<path>).")
    var ovsDb: String

    @Option(help: "Directory of the agent's instance records, images and guests.")
    var stateDir: String

    @Option(help: "host:port of the agent's API for the compute API (port 0 picks a free port).")
    var listen: String = "127.0.0.1:0"

    @Option(help: "Compute API URL (with /v2.1).")
    var computeURL: String

    @Option(help: "Networking API URL.")
    var networkURL: String

    @Option(help: "Image API URL.")
    var imageURL: String

    @Option(help: "vCPUs offered to instances.")
    var vcpus: Int = 8

    @Option(help: "Memory offered to instances, in MB.")
    var memoryMb: Int = 16384

    @Option(help: "Disk offered to instances, in GB.")
    var diskGb: Int = 100

    @Option(help: "The node's underlay address (reported as host_ip).")
    var hostIp: String = "127.0.0.1"

    @Option(help: "The availability zone of this node.")
    var availabilityZone: String = "nova"

    @OptionGroup var identity: IdentityOptions

    @Option(help: "Write this process's pid here once the agent has registered (removed at exit).")
    var pidfile: String?

    func run() async throws {
        guard let address = ListenAddress(parsing: listen) else { throw ValidationError("--listen must be host:port, got '\(listen)'") }
        guard vcpus > 0, memoryMb > 0, diskGb > 0 else { throw ValidationError("--vcpus, --memory-mb and --disk-gb must be positive") }
        let configuration = AgentConfiguration(
            host: host, nodeNamespace: nodeNetns, namespacePrefix: netnsPrefix ?? "\(host)-vm", ovsDatabase: ovsDb,
            stateDirectory: URL(fileURLWithPath: stateDir, isDirectory: true), listen: address, computeURL: computeURL,
            networkURL: networkURL, imageURL: imageURL, vcpus: vcpus, memoryMB: memoryMb, diskGB: diskGb, hostIP: hostIp,
            availabilityZone: availabilityZone)
        let agent = ComputeAgentService(configuration: configuration, token: try identity.serviceToken(), validator: try identity.validator())
        try await Foreground.serve(pidfile: pidfile, line: { "compute-agent \(host): agent API on http://\(address.host):\($0)" }) { onReady in
            try await agent.run(onReady: onReady)
        }
    }
}
