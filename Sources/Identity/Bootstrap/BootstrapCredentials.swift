public import Foundation

/// The generated passwords of the bootstrap users, kept in the state directory with mode 0600.
public struct BootstrapCredentials: Sendable, Equatable {
    /// Password of `admin` (project `admin`, domain `Default`).
    public var adminPassword: String
    /// Password of `demo` (member of project `demo`).
    public var demoPassword: String

    static let adminFile = "admin-password"
    static let demoFile = "demo-password"

    /// Reads the password files written at bootstrap.
    public static func load(stateDirectory: URL) throws -> BootstrapCredentials {
        func read(_ name: String) throws -> String {
            try String(contentsOf: stateDirectory.appendingPathComponent(name), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return BootstrapCredentials(adminPassword: try read(adminFile), demoPassword: try read(demoFile))
    }

    func save(stateDirectory: URL) throws {
        for (name, value) in [(Self.adminFile, adminPassword), (Self.demoFile, demoPassword)] {
            let path = stateDirectory.appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: path, contents: Data((value + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
    }
}
