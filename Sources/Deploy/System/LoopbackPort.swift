import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP ports on 127.0.0.1: whether one is free, whether something answers on it, and free ones to use.
public enum LoopbackPort {
    /// Whether a listening socket could be bound to 127.0.0.1:`port` now.
    public static func isFree(_ port: Int) -> Bool {
        guard let socket = bound(port) else { return false }
        close(socket.fd)
        return true
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func answers(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// `count` distinct free ports chosen by the kernel (all held open until every one is picked).
    public static func allocate(_ count: Int) throws -> [Int] {
        var held: [(fd: Int32, port: Int)] = []
        defer { held.forEach { close($0.fd) } }
        for _ in 0..<count {
            guard let socket = bound(0) else { throw DeployError.system(call: "bind 127.0.0.1:0 (allocate a loopback port)", reason: String(cString: strerror(errno))) }
            held.append(socket)
        }
        return held.map(\.port)
    }

    /// A listening socket (SO_REUSEADDR, like a server) on 127.0.0.1:`port` (0: any), and its port; the caller closes it.
    private static func bound(_ port: Int) -> (fd: Int32, port: Int)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port)
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        } && listen(fd, 1) == 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard ok, withUnsafeMutablePointer(to: &address, {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }) else {
            close(fd)
            return nil
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
