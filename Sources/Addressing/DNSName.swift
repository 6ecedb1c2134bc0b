/// DNS name syntax as neutron-lib checks it (`_validate_dns_format`), shared by the networking service's `dns_name` and
/// `dns_domain` and the cluster spec's `dns_domain`.
public enum DNSName {
    /// The keywords a label may be instead (`dns-integration-domain-keywords`), as neutron-lib's `DNS_LABEL_KEYWORDS`.
    public static let keywords = ["<project_id>", "<project_name>", "<user_name>", "<user_id>"]

    /// Why `name` (a relative name, or an FQDN ending in a dot) is not a valid DNS name, or nil when it is: labels of
    /// letters, digits and hyphens (compared lowercased, as Neutron lowercases first), 1–63 long, not starting or ending
    /// with a hyphen, or one of the `keywords`; an FQDN's last label not all digits; 255 at most in all.
    public static func syntaxProblem(_ name: String) -> String? {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        if trimmed.count > 255 { return "'\(trimmed)' exceeds the 255 character FQDN limit" }
        let labels = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty { return "Encountered an empty component" }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "Name '\(label)' must not start or end with a hyphen" }
            let lower = label.lowercased()
            let plain = lower.count <= 63 && lower.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            guard plain || keywords.contains(lower) else {
                return "Name '\(label)' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen"
            }
        }
        if labels.count > 1, let last = labels.last, last.allSatisfy(\.isNumber) { return "TLD '\(last)' must not be all numeric" }
        return nil
    }
}
