import ArgumentParser
import Foundation
import OpenStackAPI

/// How a service reaches the identity service to validate the tokens it is sent (every API service but identity).
struct IdentityOptions: ParsableArguments {
    @Option(help: "Identity service URL used to validate tokens.")
    var identityURL: String

    @Option(help: "File holding the password of the identity user.")
    var identityPasswordFile: String

    @Option(help: "Identity user that validates tokens.")
    var identityUser: String = "admin"

    @Option(help: "Project of the identity user.")
    var identityProject: String = "admin"

    /// A caching validator that asks identity with these credentials.
    func validator() throws -> any TokenValidator {
        CachingTokenValidator(upstream: RemoteTokenValidator(identityURL: identityURL, credentials: try credentials()))
    }

    /// The token this service sends the others with (the same user).
    func serviceToken() throws -> ServiceToken {
        ServiceToken(identityURL: identityURL, credentials: try credentials())
    }

    private func credentials() throws -> ServiceToken.Credentials {
        guard let password = try? String(contentsOfFile: identityPasswordFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !password.isEmpty else {
            throw ValidationError("cannot read the identity password from \(identityPasswordFile); start the identity service first")
        }
        return .init(userName: identityUser, password: password, projectName: identityProject)
    }
}
