/// DNS name syntax as neutron-lib checks it (`_validate_dns_format`), shared by the networking service's `dns_name` and
/// `dns_domain` and the cluster spec's `dns_domain`.
public enum DNSName {
    /// Why `name` (a relative name, or an FQDN ending in a dot) is not a valid DNS name, or nil when it is: labels of
    /// letters, digits and hyphens, 1–63 long, not starting or ending with a hyphen, the last not all digits, 255 at
    /// most in all.
    public static func syntaxProblem(_ name: String) -> String? {
        if name.count > 255 { return "'\(name)' exceeds the 255 character FQDN limit" }
        let labels = (name.hasSuffix(".") ? String(name.dropLast()) : name).split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty { return "Encountered an empty component" }
            guard label.count <= 63, label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                return "Name '\(label)' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen"
            }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "Name '\(label)' must not start or end with a hyphen" }
        }
        if let last = labels.last, last.allSatisfy(\.isNumber) { return "TLD '\(last)' must not be all numeric" }
        return nil
    }
}
