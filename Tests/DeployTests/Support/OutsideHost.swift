import Deploy
import Foundation
import ProgramRunner
import Testing

/// The outside world of a test cluster: the `<cluster>-ext` namespace, whose Linux bridge `extbr`
/// holds the outside router address and has one port per gateway's br-ex. Everything here runs
/// inside that namespace; the programs it starts are stopped by their pids.
struct OutsideHost {
    let cluster: TestCluster

    var netns: String { "\(cluster.name)-ext" }
    var bridge: String { Names.externalBridge }

    /// Whether one ping to `address` gets an answer within a second.
    func ping(_ address: String) -> Bool {
        Program.probe("ip", ["netns", "exec", netns, "ping", "-n", "-c1", "-W1", "-q", address]).succeeded
    }

    /// The body curl gets from `url` within 3 s, nil when it gets nothing.
    func fetch(_ url: String) -> String? {
        let result = Program.probe("ip", ["netns", "exec", netns, "curl", "-s", "-m", "3", url])
        return result.succeeded ? result.output : nil
    }

    /// The bridge's forwarding entry for `mac`: the port (`g-<gateway>`) it last came in on.
    func bridgePort(of mac: String) -> String? {
        let fdb = Program.probe("bridge", ["-n", netns, "fdb", "show", "br", bridge]).output
        let line = fdb.split(separator: "\n").first { $0.lowercased().hasPrefix(mac.lowercased() + " dev ") }
        return line.map { String($0.split(separator: " ")[2]) }
    }

    /// ARP probes every 10 ms (instead of the kernel's 1 s), 100 of them before giving up, on `extbr`:
    /// an address that starts answering is resolved within about 10 ms rather than at the next
    /// one-second retransmission, so a pinger's first reply dates when the address came alive.
    func fastNeighbourProbes() throws {
        for setting in ["retrans_time_ms=10", "mcast_solicit=100"] {
            try Program.run("ip", ["netns", "exec", netns, "sysctl", "-qw", "net.ipv4.neigh.\(bridge).\(setting)"])
        }
    }

    /// A `ping -D` every 20 ms to `address` until stopped.
    func startPinger(_ address: String) throws -> Pinger {
        let log = "\(cluster.stateDir)/ping-\(address)-\(UInt32.random(in: 0...UInt32.max)).out"
        let pid = try Spawn.start(Program.find("ip")!, ["netns", "exec", netns, Program.find("ping")!, "-D", "-n", "-i", "0.02", address],
                                  environment: Spawn.environment(), logFile: log)
        return Pinger(pid: pid, log: log)
    }

    /// Runs `action` while tcpdump listens on extbr for ICMP to or from `host`; returns the action's
    /// result and the echo requests and replies seen (once the action succeeded, up to 2 s more for
    /// tcpdump to print the reply it has surely seen by then).
    func capturingEchoes(host: String, _ action: () async throws -> Bool) async throws -> (succeeded: Bool, echoes: [Capture.Echo], text: String) {
        let capture = try await startCapture("icmp and host \(host)")
        defer { capture.stop() }
        let succeeded = try await action()
        let deadline = Date().addingTimeInterval(2)
        while succeeded, Date() < deadline, !capture.echoes.contains(where: { !$0.request }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let text = capture.stop()
        return (succeeded, capture.echoes, text)
    }

    /// Starts `tcpdump -n -l -i extbr <filter>` and waits until it listens.
    func startCapture(_ filter: String) async throws -> Capture {
        let log = "\(cluster.stateDir)/tcpdump-\(UInt32.random(in: 0...UInt32.max)).out"
        let pid = try Spawn.start(Program.find("ip")!, ["netns", "exec", netns, Program.find("tcpdump")!, "-n", "-l", "-i", bridge, filter],
                                  environment: Spawn.environment(), logFile: log)
        let capture = Capture(pid: pid, log: log)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !capture.text.contains("listening on") {
            try await Task.sleep(for: .milliseconds(50))
        }
        if !capture.text.contains("listening on") {
            let text = capture.stop()
            try #require(Bool(false), "tcpdump in \(netns) did not start listening within 10 s: \(text)")
        }
        return capture
    }
}

/// A running `ping -D` and the replies it printed (`[<unix time>] 64 bytes from …: icmp_seq=N …`).
final class Pinger {
    let pid: pid_t
    let log: String
    private var stopped = false

    init(pid: pid_t, log: String) {
        self.pid = pid
        self.log = log
    }

    struct Reply: CustomStringConvertible {
        let seq: Int
        let time: Double
        var description: String { String(format: "#%d@%.3f", seq, time) }
    }

    var replies: [Reply] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> Reply? in
            guard line.hasPrefix("["), line.contains(" bytes from "), let close = line.firstIndex(of: "]"),
                  let time = Double(line[line.index(after: line.startIndex)..<close]),
                  let seqRange = line.range(of: "icmp_seq="),
                  let seq = Int(line[seqRange.upperBound...].prefix { $0.isNumber }) else { return nil }
            return Reply(seq: seq, time: time)
        }
    }

    /// The first reply received after `t` that follows a lost request (a gap in the sequence numbers):
    /// where the answers came back after an outage that began after `t`.
    func recovery(after t: Double) -> (lastBefore: Reply?, first: Reply)? {
        let all = replies
        for (i, r) in all.enumerated() where i > 0 && r.time > t && r.seq > all[i - 1].seq + 1 {
            return (all[i - 1], r)
        }
        return nil
    }

    /// Stops ping (SIGTERM) and reaps it; later calls do nothing.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// A running tcpdump and what it printed.
final class Capture {
    let pid: pid_t
    let log: String
    private var stopped = false

    init(pid: pid_t, log: String) {
        self.pid = pid
        self.log = log
    }

    var text: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// One `IP a > b: ICMP echo request|reply` line.
    struct Echo: CustomStringConvertible {
        let source: String
        let destination: String
        let request: Bool
        var description: String { "\(source) > \(destination) \(request ? "request" : "reply")" }
    }

    var echoes: [Echo] {
        text.split(separator: "\n").compactMap { line -> Echo? in
            let words = line.split(separator: " ")
            guard let ip = words.firstIndex(of: "IP"), words.count > ip + 3, words[ip + 2] == ">",
                  line.contains("ICMP echo request") || line.contains("ICMP echo reply") else { return nil }
            return Echo(source: String(words[ip + 1]), destination: String(words[ip + 3].dropLast()),
                        request: line.contains("ICMP echo request"))
        }
    }

    /// Stops tcpdump (SIGTERM), reaps it and returns everything it printed; later calls only return the text.
    @discardableResult
    func stop() -> String {
        guard !stopped else { return text }
        stopped = true
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return text
    }
}

extension TestCluster {
    /// The real ovn-sbctl against the cluster.
    @discardableResult
    func sbctl(_ arguments: [String]) throws -> String {
        try Program.run(binary, ["sbctl", "--name", name, "--state-dir", stateDir] + arguments)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
