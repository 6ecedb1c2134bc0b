/// `admin-openrc.sh`-style shell scripts for a ``CloudEntry``.
extension CloudEntry {
    /// A script that exports this entry as `OS_*` variables (values single-quoted for the shell).
    public var openrc: String {
        func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let variables = [
            ("OS_AUTH_URL", authURL), ("OS_USERNAME", username), ("OS_PASSWORD", password), ("OS_PROJECT_NAME", projectName),
            ("OS_USER_DOMAIN_NAME", domainName), ("OS_PROJECT_DOMAIN_NAME", domainName), ("OS_REGION_NAME", regionName),
            ("OS_INTERFACE", "public"), ("OS_IDENTITY_API_VERSION", "3"), ("OS_AUTH_TYPE", "password"),
        ]
        return "# OpenStack credentials for cloud '\(name)'; source this file.\n"
            + variables.map { "export \($0.0)=\(quoted($0.1))\n" }.joined()
    }
}
