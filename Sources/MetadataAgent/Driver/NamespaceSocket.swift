import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A listening TCP socket made inside another network namespace: a thread of its own enters the namespace
/// (`setns(CLONE_NEWNET)` on `/run/netns/<name>`: only that thread moves), creates, binds and listens the
/// socket, then goes back to its original namespace and ends. The socket stays in the namespace it was made
/// in, so one process serves every namespace; NIO adopts the descriptor.
enum NamespaceSocket {
    /// `CLONE_NEWNET` from `<sched.h>` (Swift's Glibc module does not export it, nor `setns`).
    private static let cloneNewNet: Int32 = 0x4000_0000

    private typealias SetNS = @convention(c) (Int32, Int32) -> Int32

    /// A listening socket on `address:port` (IPv4) inside the namespace whose file is `namespacePath`.
    static func listen(namespacePath: String, address: String, port: UInt16, backlog: Int32 = 128) async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result { () throws(MetadataAgentError) -> Int32 in
                    try makeSocket(namespacePath: namespacePath, address: address, port: port, backlog: backlog)
                })
            }
            thread.name = "netns-bind"
            thread.start()
        }
    }

    /// Runs on the dedicated thread.
    private static func makeSocket(namespacePath: String, address: String, port: UInt16, backlog: Int32) throws(MetadataAgentError) -> Int32 {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else {
            throw .listener("setns(2) is not available in this C library")
        }
        let setns = unsafeBitCast(symbol, to: SetNS.self)
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw .listener("cannot open this thread's network namespace: \(errnoText())") }
        defer { close(original) }
        let target = open(namespacePath, O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw .listener("cannot open \(namespacePath): \(errnoText()) (does the namespace exist?)") }
        defer { close(target) }
        guard setns(target, cloneNewNet) == 0 else { throw .listener("cannot enter \(namespacePath): \(errnoText()) (the agent needs CAP_SYS_ADMIN)") }
        defer {
            // Back to where the thread came from; the thread ends right after in any case.
            _ = setns(original, cloneNewNet)
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .listener("socket() in \(namespacePath): \(errnoText())") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &sin.sin_addr) == 1 else {
            close(fd)
            throw .listener("\(address) is not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let text = errnoText()
            close(fd)
            throw .listener("bind \(address):\(port) in \(namespacePath): \(text) (is the address on the namespace's veth?)")
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let text = errnoText()
            close(fd)
            throw .listener("listen in \(namespacePath): \(text)")
        }
        return fd
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
