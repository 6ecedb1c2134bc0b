import Hummingbird
import OpenStackAPI

/// `/extensions[/{alias}]`: the v2-era extension list Nova still answers at 2.1 (a fixed list, not a feature
/// switch). Ours names the extensions whose APIs this service answers, plus `os-consoles`, which Nova lists too
/// although the API behind it is gone.
struct ExtensionRoutes {
    /// alias, name, description of each listed extension.
    static let listed: [(String, String, String)] = [
        ("os-availability-zone", "AvailabilityZone", "1. Add availability_zone to the Create Server API. 2. Add availability zones describing."),
        ("os-console-output", "ConsoleOutput", "Console log output support, with tailing ability."),
        ("os-consoles", "Consoles", "Interactive Console support."),
        ("OS-DCF", "DiskConfig", "Disk Management Extension."),
        ("OS-EXT-AZ", "ExtendedAvailabilityZone", "Extended Availability Zone support."),
        ("OS-EXT-IPS", "ExtendedIps", "Adds type parameter to the ip list."),
        ("OS-EXT-IPS-MAC", "ExtendedIpsMac", "Adds mac address parameter to the ip list."),
        ("OS-EXT-SRV-ATTR", "ExtendedServerAttributes", "Extended Server Attributes support."),
        ("OS-EXT-STS", "ExtendedStatus", "Extended Status support."),
        ("os-flavor-extra-specs", "FlavorExtraSpecs", "Flavors extra specs support."),
        ("os-hypervisors", "Hypervisors", "Admin-only hypervisor administration."),
        ("os-instance-actions", "InstanceActions", "View a log of actions and events taken on an instance."),
        ("os-keypairs", "Keypairs", "Keypair Support."),
        ("os-lock-server", "LockServer", "Enable lock/unlock server actions."),
        ("os-quota-sets", "Quotas", "Quotas management support."),
        ("os-server-external-events", "ServerExternalEvents", "Server External Event Triggers."),
        ("os-server-password", "ServerPassword", "Server password support."),
        ("os-services", "Services", "Services support."),
        ("OS-SRV-USG", "ServerUsage", "Adds launched_at and terminated_at on Servers."),
    ]

    func add(to router: Router<APIRequestContext>) {
        router.get("/v2.1/extensions") { _, context in
            _ = try context.requireAuth()
            return JSONResponse.make(status: 200, body: ["extensions": .array(Self.listed.map(Self.view))])
        }
        router.get("/v2.1/extensions/:alias") { _, context in
            _ = try context.requireAuth()
            let alias = try context.parameters.require("alias")
            guard let entry = Self.listed.first(where: { $0.0 == alias }) else {
                throw ComputeError.notFound("Extension \(alias) could not be found.")
            }
            return JSONResponse.make(status: 200, body: ["extension": Self.view(entry)])
        }
    }

    static func view(_ entry: (String, String, String)) -> JSON {
        ["alias": .string(entry.0), "name": .string(entry.1), "description": .string(entry.2), "links": [],
         "namespace": .string("http://docs.openstack.org/compute/ext/fake_xml"), "updated": "2014-12-03T00:00:00Z"]
    }
}
