import Deploy
import Foundation
import Testing

extension ClusterLifecycleTests {
    @Test("port forwarding with real packets: TCP to port 8080 of a floating IP reaches a server on port 80 of a VM with no floating IP of its own, through the router's OVN load balancer; deleting the forwarding closes the port")
    func portForwarding() async throws {
        try await TestCluster.with { cluster in
            #expect(try cluster.up().contains("READY"))
            let l3 = try await L3Cloud(cluster)
            let neutron = l3.neutron
            let outside = OutsideHost(cluster: cluster)
            let net = try await l3.network("t-pf-net", cidr: "10.63.0.0/24")
            let router = try await neutron.create("router", ["name": "t-pf-router", "external_gateway_info": ["network_id": l3.publicID]])
            let routerID = try #require(router["id"] as? String, "\(router)")
            _ = try await neutron.routerAction(routerID, "add_router_interface", ["subnet_id": net.subnet])

            let a = try await l3.vm("pfa", node: "c1", network: net)
            try await l3.lease(a)
            let group = try await neutron.create("security_group", ["name": "t-pf-web"])
            let groupID = try #require(group["id"] as? String, "\(group)")
            _ = try await neutron.create("security_group_rule", ["security_group_id": groupID, "direction": "ingress", "ethertype": "IPv4",
                                                                 "protocol": "tcp", "port_range_min": 80, "port_range_max": 80])
            _ = try await neutron.update("port", a.portID, ["security_groups": [groupID]])
            let site = "\(cluster.stateDir)/www-pf"
            try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
            let page = "forwarded to a \(UUID().uuidString)\n"
            try page.write(toFile: "\(site)/index.html", atomically: true, encoding: .utf8)
            let httpd = try a.vm.spawn("busybox", ["httpd", "-f", "-p", "80", "-h", site])
            defer { kill(httpd, SIGKILL); waitpid(httpd, nil, 0) }

            let fip = try await neutron.create("floatingip", ["floating_network_id": l3.publicID])
            let fipID = try #require(fip["id"] as? String, "\(fip)"), fipIP = try #require(fip["floating_ip_address"] as? String, "\(fip)")
            let created = try await l3.neutron.cloud.call("POST", "network", "/v2.0/floatingips/\(fipID)/port_forwardings", ["port_forwarding": [
                "protocol": "tcp", "internal_port_id": a.portID, "internal_ip_address": a.vm.ip, "internal_port": 80, "external_port": 8080]])
            try #require(created.status == 201, "\(created)")
            let pfID = try #require((created.json["port_forwarding"] as? [String: Any])?["id"] as? String, "\(created)")

            try outside.fastNeighbourProbes()
            var body: String?
            let balancers = (try? cluster.nbctl(["--columns=name,vips", "list", "Load_Balancer"])) ?? "?"
            #expect(try await cluster.eventually(20) {
                body = outside.fetch("http://\(fipIP):8080/")
                return body == page
            }, "ext → \(fipIP):8080 got \(body.map { "'\($0)'" } ?? "nothing"); NB before \(balancers)")
            // Only the forwarded port: the floating IP is not a's address.
            #expect(outside.fetch("http://\(fipIP):80/") == nil, "port 80 of \(fipIP) must not reach a")

            let deleted = try await l3.neutron.cloud.call("DELETE", "network", "/v2.0/floatingips/\(fipID)/port_forwardings/\(pfID)")
            #expect(deleted.status == 204, "\(deleted)")
            #expect(try await cluster.eventually(10) { outside.fetch("http://\(fipIP):8080/") == nil },
                    "\(fipIP):8080 still forwards after the delete")
        }
    }
}
