import Addressing

/// `dns-integration` without an external DNS service, as Neutron and ML2/OVN do it: with a DNS domain configured
/// (other than Neutron's default) a port's `dns_name` is checked and kept, and its `dns_assignment` names each fixed
/// IP by it; otherwise addresses go by `host-<ip>`. Ports with a dns_name and a device get records in their network's
/// NB `DNS` row, which ovn-controller answers queries from.
enum DNSNames {
    /// Neutron's default `dns_domain`, with which a port's dns_name is stored but not used in names.
    static let defaultDomain = "openstacklocal."

    /// One entry of a port's `dns_assignment`.
    struct Assignment: Equatable, Sendable {
        var ipAddress: String
        var hostname: String
        var fqdn: String
    }

    /// neutron-lib's `validate_dns_name`: labels of letters, digits and hyphens, 1–63 long, not starting or ending with
    /// a hyphen, the last not all digits, 255 at most in all. A name ending in a dot is an FQDN; with a domain
    /// configured it must end in that domain.
    static func checkName(_ name: String, domain: String, attribute: String = "dns_name") throws(NetworkingError) {
        guard !name.isEmpty else { return }
        try checkLabels(name, attribute: attribute)
        if name.hasSuffix("."), domain != defaultDomain, !domain.isEmpty, !(name.hasSuffix("." + domain) && name.count > domain.count + 1) {
            throw .badRequest("Invalid input for \(attribute). Reason: The dns_name passed is a FQDN. Its higher level labels must be equal to "
                              + "the dns_domain option in neutron.conf, that has been set to '\(domain)'. It must also include one or more "
                              + "valid DNS labels to the left of '\(domain)'.")
        }
    }

    /// neutron-lib's `validate_dns_domain`: empty, or an FQDN (ending in a dot) of valid labels.
    static func checkDomain(_ domain: String, attribute: String = "dns_domain") throws(NetworkingError) {
        guard !domain.isEmpty else { return }
        guard domain.hasSuffix(".") else { throw .badRequest("Invalid input for \(attribute). Reason: '\(domain)' is not a FQDN.") }
        try checkLabels(domain, attribute: attribute)
    }

    private static func checkLabels(_ name: String, attribute: String) throws(NetworkingError) {
        if let reason = DNSName.syntaxProblem(name) {
            throw .badRequest("Invalid input for \(attribute). Reason: '\(name)' not a valid PQDN or FQDN. Reason: \(reason).")
        }
    }

    /// Whether names use a port's dns_name: only with a DNS domain other than Neutron's default.
    static func usesNames(_ domain: String) -> Bool { !domain.isEmpty && domain != defaultDomain }

    /// A port's `dns_assignment` (Neutron's `_get_dns_names_for_port`).
    static func assignment(_ p: Port, domain: String) -> [Assignment] {
        let name = usesNames(domain) ? (p.dnsName ?? "") : ""
        return p.fixedIPs.map { ip in
            if !name.isEmpty {
                return Assignment(ipAddress: ip.ipAddress, hostname: name, fqdn: name.hasSuffix(".") ? name : "\(name).\(domain)")
            }
            let host = "host-" + ip.ipAddress.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: ":", with: "-")
            return Assignment(ipAddress: ip.ipAddress, hostname: host, fqdn: domain.isEmpty ? host : "\(host).\(domain)")
        }
    }

    /// Whether ML2/OVN writes DNS records for the port: it has a dns_name, addresses and a device.
    static func needsRecords(_ p: Port) -> Bool { !(p.dnsName ?? "").isEmpty && !p.fixedIPs.isEmpty && !p.deviceID.isEmpty }

    /// The records of a network's `DNS` row (ML2/OVN's `get_port_dns_records`, port after port): hostname and FQDN
    /// (and `<hostname>.<network's dns_domain>` when that differs) to the addresses, each address's reverse name to the FQDN.
    static func records(_ ports: [Port], networkDomain: String, domain: String) -> [String: String] {
        var out: [String: String] = [:]
        let netDomain = networkDomain.hasSuffix(".") ? String(networkDomain.dropLast()) : networkDomain
        for p in ports where needsRecords(p) {
            var mine: [String: [String]] = [:]
            var order: [String] = []
            func add(_ key: String, _ ip: String) {
                if mine[key] == nil { order.append(key) }
                mine[key, default: []].append(ip)
            }
            for a in assignment(p, domain: domain) {
                let fqdn = a.fqdn.hasSuffix(".") ? String(a.fqdn.dropLast()) : a.fqdn
                add(a.hostname, a.ipAddress)
                if !netDomain.isEmpty, "\(a.hostname).\(netDomain)" != fqdn { add("\(a.hostname).\(netDomain)", a.ipAddress) }
                add(fqdn, a.ipAddress)
                for ip in mine[fqdn] ?? [] { out[reverseName(ip)] = fqdn }
            }
            for key in order { out[key] = mine[key]!.joined(separator: " ") }
        }
        return out
    }

    /// The reverse-lookup name of an address (`5.0.0.10.in-addr.arpa`, nibbles under `ip6.arpa` for IPv6).
    static func reverseName(_ text: String) -> String {
        guard let ip = IPAddress(text) else { return text }
        if ip.version == 4 { return text.split(separator: ".").reversed().joined(separator: ".") + ".in-addr.arpa" }
        let hex = String(ip.value, radix: 16)
        let nibbles = String(repeating: "0", count: 32 - hex.count) + hex
        return nibbles.reversed().map(String.init).joined(separator: ".") + ".ip6.arpa"
    }
}
