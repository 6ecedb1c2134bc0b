/// One `clouds:` entry of a clouds.yaml (password auth, identity v3).
public struct CloudEntry: Sendable, Equatable {
    /// Entry name (`ovnstack`, `ovnstack-demo`).
    public var name: String
    /// Identity URL, e.g. `http://127.0.0.1:5000/v3`.
    public var authURL: String
    public var username: String
    public var password: String
    public var projectName: String
    public var domainName: String
    public var regionName: String

    /// An entry from its parts; users and projects in `domainName`.
    public init(name: String, authURL: String, username: String, password: String, projectName: String,
                domainName: String = "Default", regionName: String = "RegionOne") {
        self.name = name
        self.authURL = authURL
        self.username = username
        self.password = password
        self.projectName = projectName
        self.domainName = domainName
        self.regionName = regionName
    }

    /// The two entries of a cluster: `<cluster>` (admin on project admin) and `<cluster>-demo` (member of demo).
    public static func cluster(_ cluster: String, authURL: String, credentials: BootstrapCredentials, regionName: String = "RegionOne") -> [CloudEntry] {
        [CloudEntry(name: cluster, authURL: authURL, username: "admin", password: credentials.adminPassword, projectName: "admin", regionName: regionName),
         CloudEntry(name: "\(cluster)-demo", authURL: authURL, username: "demo", password: credentials.demoPassword, projectName: "demo", regionName: regionName)]
    }

    var yamlObject: [String: Any] {
        ["auth": ["auth_url": authURL, "username": username, "password": password, "project_name": projectName,
                  "user_domain_name": domainName, "project_domain_name": domainName],
         "auth_type": "password", "region_name": regionName, "interface": "public", "identity_api_version": 3]
    }
}
