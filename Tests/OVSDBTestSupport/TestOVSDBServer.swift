import Foundation
import OVSDB
import ProgramRunner

/// A real `ovsdb-server` in its own temporary directory, started and stopped by a test.
public final class TestOVSDBServer: @unchecked Sendable {
    /// The OVN Northbound schema installed by Debian's ovn-common.
    public static let northboundSchema = "/usr/share/ovn/ovn-nb.ovsschema"
    /// The OVN Southbound schema.
    public static let southboundSchema = "/usr/share/ovn/ovn-sb.ovsschema"
    /// The Open_vSwitch schema installed by openvswitch-common.
    public static let vswitchSchema = "/usr/share/openvswitch/vswitch.ovsschema"

    public let directory: String
    public let databaseFile: String
    public let socketPath: String
    public let tcpPort: Int?
    private let lock = NSLock()
    private var process: RunningProgram?

    /// The unix-socket endpoint.
    public var endpoint: Endpoint { .unix(path: socketPath) }
    /// `--db=` argument for the real command-line tools.
    public var dbArgument: String { "--db=unix:\(socketPath)" }

    /// Creates a database from `schema` and starts a server on it.
    public init(schema: String, tcp: Bool = false) throws {
        directory = try Self.makeTemporaryDirectory()
        databaseFile = directory + "/db"
        socketPath = directory + "/db.sock"
        tcpPort = tcp ? try Self.freePort() : nil
        try Program.run("ovsdb-tool", ["create", databaseFile, schema])
        try start()
    }

    /// Starts (or restarts) the server process on the same database and socket.
    public func start() throws {
        var arguments = [
            databaseFile, "--remote=punix:\(socketPath)", "--unixctl=\(directory)/ctl",
            "--log-file=\(directory)/ovsdb-server.log", "-vconsole:off", "--no-chdir",
        ]
        if let tcpPort { arguments.append("--remote=ptcp:\(tcpPort):127.0.0.1") }
        let process = try Program.start("ovsdb-server", arguments)
        lock.withLock { self.process = process }
        try Self.waitForUnix(path: socketPath)
        if let tcpPort { try Self.waitForTCP(port: tcpPort) }
    }

    /// Stops the server (asking it to exit, waiting for it); `kill: true` sends SIGKILL instead.
    ///
    /// Asked with `ovs-appctl exit` so that it closes its database cleanly; SIGKILL when that fails or `kill` is set.
    public func stop(kill: Bool = false) {
        guard let process = lock.withLock({ () -> RunningProgram? in defer { self.process = nil }; return self.process }) else { return }
        if process.isRunning {
            if kill || (try? Program.run("ovs-appctl", ["-t", "\(directory)/ctl", "exit"])) == nil {
                Foundation.kill(process.pid, SIGKILL)
            }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    /// Runs a real OVS/OVN tool (ovn-nbctl, ovs-vsctl, ovsdb-client) against this server.
    @discardableResult
    public func tool(_ program: String, _ arguments: [String]) throws -> String {
        if program == "ovsdb-client" { return try Program.run(program, arguments) }
        return try Program.run(program, [dbArgument] + arguments)
    }

    /// Stops the server and removes its directory.
    public func destroy() {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { destroy() }

    static func makeTemporaryDirectory() throws -> String {
        let path = "/tmp/ovsdb-test-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Waits until the server accepts connections on its unix socket (the file appears before `listen`).
    static func waitForUnix(path: String, timeout: TimeInterval = 10) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        try waitForConnect(to: address, family: AF_UNIX, what: path, timeout: timeout)
    }

    static func waitForTCP(port: Int, timeout: TimeInterval = 10) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        try waitForConnect(to: address, family: AF_INET, what: "port \(port)", timeout: timeout)
    }

    /// Retries `connect` every 10 ms until it succeeds or `timeout` passes.
    private static func waitForConnect<Address>(to address: Address, family: Int32, what: String, timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var address = address
        while Date() < deadline {
            let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
            let ok = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<Address>.size)) == 0 }
            }
            close(fd)
            if ok { return }
            usleep(10_000)
        }
        throw ProgramFailure(command: "wait for \(what)", status: 1, output: "timed out")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ProgramFailure(command: "bind", status: errno, output: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
