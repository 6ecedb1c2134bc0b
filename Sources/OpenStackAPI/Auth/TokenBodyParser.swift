import Foundation

/// Reads an ``AuthContext`` out of a Keystone v3 `token` body.
public enum TokenBodyParser {
    /// The caller described by `token`, or nil when required members are missing.
    public static func context(from token: JSON) -> AuthContext? {
        guard let user = token["user"], let userID = user["id"]?.string,
              let expires = token["expires_at"]?.string, let expiresAt = Timestamp.parse(expires) else { return nil }
        return AuthContext(
            userID: userID,
            userName: user["name"]?.string ?? "",
            userDomainID: user["domain"]?["id"]?.string ?? "",
            projectID: token["project"]?["id"]?.string,
            projectName: token["project"]?["name"]?.string,
            projectDomainID: token["project"]?["domain"]?["id"]?.string,
            domainID: token["domain"]?["id"]?.string,
            system: token["system"]?["all"]?.bool ?? false,
            roles: token["roles"]?.array?.compactMap { $0["name"]?.string } ?? [],
            expiresAt: expiresAt)
    }
}
