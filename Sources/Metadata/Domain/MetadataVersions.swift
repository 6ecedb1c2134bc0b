/// The metadata versions nova-metadata offers and what each one contains.
enum MetadataVersions {
    /// EC2 versions (`GET /`), oldest first; `latest` is added when listed.
    static let ec2 = ["1.0", "2007-01-19", "2007-03-01", "2007-08-29", "2007-10-10", "2007-12-15", "2008-02-01", "2008-09-01", "2009-04-04"]

    /// OpenStack versions (`GET /openstack`), oldest first.
    static let openStack = ["2012-08-10", "2013-04-04", "2013-10-17", "2015-10-15", "2016-06-30", "2016-10-06", "2017-02-22",
                            "2018-08-27", "2020-10-14", "2025-04-04"]

    /// Whether `version` names an EC2 version (or `latest`).
    static func isEC2(_ version: String) -> Bool { version == "latest" || ec2.contains(version) }

    /// Whether `version` names an OpenStack version (or `latest`).
    static func isOpenStack(_ version: String) -> Bool { version == "latest" || openStack.contains(version) }

    /// Whether OpenStack `version` is `since` or newer (`latest` is newer than all). Versions are dates, so
    /// their text order is their age order.
    static func openStack(_ version: String, atLeast since: String) -> Bool { version == "latest" || version >= since }

    /// The files of `/openstack/<version>/`, in nova's order; `user_data` only when the instance has some.
    static func openStackFiles(_ version: String, hasUserData: Bool) -> [String] {
        var files = ["meta_data.json"]
        if hasUserData { files.append("user_data") }
        if openStack(version, atLeast: "2013-04-04") { files.append("password") }
        if openStack(version, atLeast: "2013-10-17") { files.append("vendor_data.json") }
        if openStack(version, atLeast: "2015-10-15") { files.append("network_data.json") }
        if openStack(version, atLeast: "2016-10-06") { files.append("vendor_data2.json") }
        return files
    }
}
