// ovsdb-bench — the OVSDB library against python-ovs's IDL on one real ovsdb-server (issue 2).
//
// One run starts a fresh OVN Northbound ovsdb-server in a temporary directory and, on it:
//   1. inserts N Logical_Switch_Ports one transaction each, then in batches of B (Swift, then
//      python-ovs as a subprocess on the same socket; the database is emptied between phases),
//      each port added to its switch's `ports` by a mutate in the same transaction, as Neutron does;
//   2. times a fresh client's catch-up (connect + monitor until the N ports are in its replica),
//      Swift and python-ovs alternately on the same database contents;
//   3. measures the memory of a Swift replica of the N ports in a child process (RSS growth and
//      RSS after malloc_trim around building it), and python-ovs's IDL the same way.
//
// Usage: ovsdb-bench [--count N] [--batch B] [--reps R] [--python PATH] [--script PATH] [--no-python]
//                    [--python-first] [--replica-budget SECONDS]
// (`ovsdb-bench replica-memory --socket S --expect N` is the child mode used for step 3.)
import ProgramRunner
import Foundation
import OVSDB
import OVSDBTestSupport

#if canImport(Glibc)
import Glibc
#endif

let northbound = "OVN_Northbound"
let lsTable = "Logical_Switch"
let lspTable = "Logical_Switch_Port"
let swiftSide = 1
let pythonSide = 2

// MARK: Rows shaped like Neutron's (the python script builds identical ones)

func hex(_ value: Int, _ width: Int) -> String {
    let s = String(value, radix: 16)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func fakeUUID(_ kind: Int, _ side: Int, _ phase: Int, _ i: Int) -> String {
    "\(hex((side << 24) | (phase << 16) | (i >> 16), 8))-\(hex(i & 0xFFFF, 4))-4\(hex(kind, 3))-8\(hex(phase, 3))-"
        + hex((i &* 2_654_435_761) % (1 << 48), 12)
}

func networkID(_ side: Int, _ phase: Int) -> String { fakeUUID(0xE, side, phase, 0) }

func lspRow(_ side: Int, _ phase: Int, _ i: Int) -> [String: OVSDBValue] {
    let mac = "fa:16:3e:\(hex((i >> 16) & 255, 2)):\(hex((i >> 8) & 255, 2)):\(hex(i & 255, 2))"
    let ip = "10.\(side * 16 + phase).\((i >> 8) & 255).\(i & 255)"
    let address = "\(mac) \(ip)"
    return [
        "name": .string(fakeUUID(1, side, phase, i)),
        "addresses": .strings([address]),
        "port_security": .strings([address]),
        "enabled": .boolean(true),
        "external_ids": .stringMap([
            "neutron:cidrs": ip + "/16",
            "neutron:device_id": fakeUUID(2, side, phase, i),
            "neutron:device_owner": "compute:nova",
            "neutron:network_name": "neutron-" + networkID(side, phase),
            "neutron:port_name": "port-\(i)",
            "neutron:project_id": hex(0x5EED_0000 + side, 32),
            "neutron:revision_number": "1",
            "neutron:security_group_ids": fakeUUID(3, side, phase, i % 8),
        ]),
        "options": .stringMap(["requested-chassis": "compute-\(i % 2 + 1)", "mcast_flood_reports": "true"]),
    ]
}

func lsRow(_ side: Int, _ phase: Int) -> [String: OVSDBValue] {
    [
        "name": .string("neutron-" + networkID(side, phase)),
        "external_ids": .stringMap([
            "neutron:network_name": "bench-\(side)-\(phase)", "neutron:mtu": "1442",
            "neutron:revision_number": "1", "neutron:availability_zone_hints": "",
        ]),
        "other_config": .stringMap(["mcast_snoop": "false", "mcast_flood_unregistered": "false", "vlan-passthru": "false"]),
    ]
}

// MARK: Measuring

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// VmRSS and VmHWM of this process, in KiB.
func processMemory() -> (rss: Int, hwm: Int) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    var rss = 0
    var hwm = 0
    for line in text.split(separator: "\n") {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2, let value = Int(parts[1]) else { continue }
        if parts[0] == "VmRSS:" { rss = value }
        if parts[0] == "VmHWM:" { hwm = value }
    }
    return (rss, hwm)
}

/// Returns freed heap pages to the system (glibc `malloc_trim(0)`, looked up at run time: Swift's
/// Glibc module does not export <malloc.h>), so RSS shows live memory rather than malloc's cache.
func trimMalloc() {
    #if canImport(Glibc)
    typealias Trim = @convention(c) (Int) -> Int32
    if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
    #endif
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((p * Double(sorted.count - 1)).rounded())
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

struct InsertFigures {
    var total: Double
    var latencies: [Double]
    /// Until the writer's own replica holds every inserted row (nil: the writer had no replica).
    var replicaCaughtUp: Double?
    /// Ports inserted (fewer than asked when a time budget stopped the run).
    var inserted: Int
}

struct MemoryFigures {
    var rssBeforeKiB: Int
    var rssAfterKiB: Int
    var hwmKiB: Int
    var rssAfterTrimKiB: Int?
    var growthMB: Double { Double(rssAfterKiB - rssBeforeKiB) / 1024 }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

// MARK: The Swift side

struct SwiftSide: Sendable {
    let endpoint: Endpoint

    func connect() async throws -> OVSDBClient {
        try await OVSDBClient.connect(endpoint, database: northbound)
    }

    /// Deletes every switch; ports are not root rows, so the server collects them too.
    func reset() async throws {
        let client = try await connect()
        var txn = Transaction()
        txn.delete(lsTable, where: [])
        try await client.transact(txn)
        // Unreferenced ports are collected at commit, so they are counted in a second transaction.
        var check = Transaction()
        let count = check.select(lspTable, columns: ["_uuid"])
        let left = try await client.transact(check).results[count]["rows"]?.array?.count ?? -1
        await client.close()
        guard left == 0 else { throw BenchError("reset left \(left) ports") }
    }

    /// Inserts `count` ports, `perTransaction` in each transaction, on a new switch.
    /// `withReplica`: the writer monitors both tables meanwhile, as python-ovs's IDL (and Neutron) does.
    /// `budget`: stop starting transactions after this long (the figures then cover fewer ports).
    func insert(phase: Int, count: Int, perTransaction: Int, withReplica: Bool, budget: Duration? = nil) async throws -> InsertFigures {
        try await reset()
        let client = try await connect()
        let replica = withReplica ? try await client.monitor(tables: [lsTable, lspTable]) : nil
        var create = Transaction()
        let lsName = create.insert(lsTable, lsRow(swiftSide, phase))
        guard let ls = try await client.transact(create).uuid(lsName) else { throw BenchError("no switch uuid") }

        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(count / perTransaction + 1)
        let start = clock.now
        var first = 0
        while first < count {
            if let budget, clock.now - start > budget { break }
            let t0 = clock.now
            var txn = Transaction()
            var names: [Atom] = []
            for i in first..<min(first + perTransaction, count) {
                names.append(.namedUUID(txn.insert(lspTable, lspRow(swiftSide, phase, i)).name))
            }
            txn.mutate(lsTable, where: [.uuid(ls)], [.insert("ports", .set(names))])
            try await client.transact(txn)
            latencies.append(seconds(clock.now - t0))
            first += perTransaction
        }
        let total = seconds(clock.now - start)
        let inserted = min(first, count)
        var caughtUp: Double?
        if let replica {
            try await replica.wait(timeout: .seconds(600)) { $0.count(lspTable) >= inserted }
            caughtUp = seconds(clock.now - start)
        }
        await client.close()
        return InsertFigures(total: total, latencies: latencies, replicaCaughtUp: caughtUp, inserted: inserted)
    }

    /// A fresh client: connect, read the schema, monitor both tables; until the replica holds `expect` ports.
    func catchUp(expect: Int) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let client = try await connect()
        let replica = try await client.monitor(tables: [lsTable, lspTable])
        let elapsed = seconds(clock.now - start)
        let got = replica.count(lspTable)
        await client.close()
        guard got == expect else { throw BenchError("catch-up: expected \(expect) ports, replica has \(got)") }
        return elapsed
    }
}

/// Child mode: the memory of one replica of the database's ports, in a process that does nothing else.
func replicaMemoryChild(socket: String, expect: Int) async throws {
    let client = try await OVSDBClient.connect(.unix(path: socket), database: northbound)
    _ = try await client.echo()
    trimMalloc()
    let before = processMemory()
    let replica = try await client.monitor(tables: [lsTable, lspTable])
    let after = processMemory()
    trimMalloc()
    let afterTrim = processMemory()
    let rows = replica.count(lspTable)
    guard rows == expect else { throw BenchError("replica has \(rows) ports, expected \(expect)") }
    let out: [String: Int] = [
        "rss_before_kib": before.rss, "rss_after_kib": after.rss, "hwm_kib": after.hwm,
        "rss_after_trim_kib": afterTrim.rss, "rows": rows,
    ]
    let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    withExtendedLifetime(replica) {}
    await client.close()
}

// MARK: Subprocesses

func runProcess(_ executable: String, _ arguments: [String]) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.standardError
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw BenchError("\(executable): output is not a JSON object")
    }
    return object
}

func memoryFigures(_ o: [String: Any]) -> MemoryFigures {
    func int(_ key: String) -> Int? { (o[key] as? NSNumber)?.intValue }
    return MemoryFigures(
        rssBeforeKiB: int("rss_before_kib") ?? 0, rssAfterKiB: int("rss_after_kib") ?? 0, hwmKiB: int("hwm_kib") ?? 0,
        rssAfterTrimKiB: int("rss_after_trim_kib"))
}

struct PythonSide {
    let python: String
    let script: String
    let socket: String

    func insert(mode: String, count: Int, batch: Int) throws -> InsertFigures {
        let o = try runProcess(python, [script, "insert", "--socket", socket, "--mode", mode, "--count", "\(count)", "--batch", "\(batch)"])
        let latencies = (o["latencies_s"] as? [NSNumber] ?? []).map(\.doubleValue)
        return InsertFigures(
            total: (o["total_s"] as? NSNumber)?.doubleValue ?? .nan, latencies: latencies,
            replicaCaughtUp: (o["replica_caught_up_s"] as? NSNumber)?.doubleValue, inserted: count)
    }

    func catchUp(expect: Int, reps: Int) throws -> (samples: [Double], memory: MemoryFigures?) {
        let o = try runProcess(python, [script, "catchup", "--socket", socket, "--expect", "\(expect)", "--reps", "\(reps)"])
        let samples = (o["samples_s"] as? [NSNumber] ?? []).map(\.doubleValue)
        return (samples, (o["memory"] as? [String: Any]).map(memoryFigures))
    }
}

// MARK: The run

struct Options {
    var count = 10_000
    var batch = 100
    var reps = 5
    var python = "/usr/bin/python3"
    var script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("python_ovs_bench.py").path
    var runPython = true
    var pythonFirst = false
    /// Time budget of the Swift 1-port/txn run with a writer replica (quadratic in the library today).
    var replicaBudget = 30

    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var it = args.makeIterator()
        while let arg = it.next() {
            func value() throws -> String {
                guard let v = it.next() else { throw BenchError("\(arg) needs a value") }
                return v
            }
            switch arg {
            case "--count": o.count = Int(try value()) ?? o.count
            case "--batch": o.batch = Int(try value()) ?? o.batch
            case "--reps": o.reps = Int(try value()) ?? o.reps
            case "--python": o.python = try value()
            case "--script": o.script = try value()
            case "--no-python": o.runPython = false
            case "--python-first": o.pythonFirst = true
            case "--replica-budget": o.replicaBudget = Int(try value()) ?? o.replicaBudget
            default: throw BenchError("unknown argument \(arg)")
            }
        }
        return o
    }
}

func log(_ text: String) {
    FileHandle.standardError.write(Data("[ovsdb-bench] \(text)\n".utf8))
}

func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
func secs(_ s: Double) -> String { String(format: "%.3f s", s) }
func mb(_ kib: Int) -> String { String(format: "%.1f MB", Double(kib) / 1024) }

func runBench(_ o: Options) async throws {
    let server = try TestOVSDBServer(schema: TestOVSDBServer.northboundSchema)
    defer { server.destroy() }
    let swift = SwiftSide(endpoint: server.endpoint)
    let python = o.runPython ? PythonSide(python: o.python, script: o.script, socket: server.socketPath) : nil
    let batches = (o.count + o.batch - 1) / o.batch
    log("ovsdb-server \(server.directory); \(o.count) ports; batches of \(o.batch); \(o.reps) catch-up reps per side and state")

    var swiftCatch: [Double] = []
    var pyCatch: [Double] = []
    var pyMemory: MemoryFigures?
    var swiftMemory: MemoryFigures?

    /// Both clients catch up on the database as it is now (alternating, so load drifts hit both).
    func catchUpRound() async throws {
        for _ in 0..<o.reps { swiftCatch.append(try await swift.catchUp(expect: o.count)) }
        if let python {
            let r = try python.catchUp(expect: o.count, reps: o.reps)
            pyCatch += r.samples
            if pyMemory == nil { pyMemory = r.memory }
        }
        if swiftMemory == nil {
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            swiftMemory = memoryFigures(try runProcess(exe, ["replica-memory", "--socket", server.socketPath, "--expect", "\(o.count)"]))
        }
    }

    var swiftSingle: InsertFigures?
    var swiftSingleReplica: InsertFigures?
    var swiftBatch: InsertFigures?
    var swiftBatchBare: InsertFigures?
    var pySingle: InsertFigures?
    var pyBatch: InsertFigures?

    func swiftPhases() async throws {
        log("swift: \(o.count) single-port transactions (transact only)")
        swiftSingle = try await swift.insert(phase: 1, count: o.count, perTransaction: 1, withReplica: false)
        log("swift: catch-up x\(o.reps) on swift-written state (and python-ovs on the same state)")
        try await catchUpRound()
        log("swift: single-port transactions with the writer keeping a replica, like the IDL (budget \(o.replicaBudget) s)")
        swiftSingleReplica = try await swift.insert(
            phase: 3, count: o.count, perTransaction: 1, withReplica: true, budget: .seconds(o.replicaBudget))
        log("swift: \(batches) transactions of \(o.batch) ports (writer keeps a replica)")
        swiftBatch = try await swift.insert(phase: 2, count: o.count, perTransaction: o.batch, withReplica: true)
        log("swift: \(batches) transactions of \(o.batch) ports (transact only)")
        swiftBatchBare = try await swift.insert(phase: 4, count: o.count, perTransaction: o.batch, withReplica: false)
    }

    func pythonPhases() async throws {
        guard let python else { return }
        try await swift.reset()
        log("python-ovs: \(o.count) single-port transactions")
        pySingle = try python.insert(mode: "single", count: o.count, batch: o.batch)
        log("python-ovs: catch-up on python-written state (and swift on the same state)")
        try await catchUpRound()
        try await swift.reset()
        log("python-ovs: \(batches) transactions of \(o.batch) ports")
        pyBatch = try python.insert(mode: "batch", count: o.count, batch: o.batch)
    }

    if o.pythonFirst {
        try await pythonPhases()
        try await swiftPhases()
    } else {
        try await swiftPhases()
        try await pythonPhases()
    }
    try await swift.reset()

    // MARK: Report
    var rows: [(String, String, String, String)] = []
    func add(_ figure: String, _ s: Double?, _ p: Double?, format: (Double) -> String, lowerIsBetter: Bool = true) {
        let p = p.flatMap { $0.isNaN ? nil : $0 }
        let ratio: String
        if let s, let p, s > 0 { ratio = String(format: "%.2fx", lowerIsBetter ? p / s : s / p) } else { ratio = "-" }
        rows.append((figure, s.map(format) ?? "-", p.map(format) ?? "-", ratio))
    }
    func insertRows(_ label: String, _ s: InsertFigures?, _ p: InsertFigures?) {
        add("\(label): total", s?.total, p?.total, format: secs)
        add("\(label): per txn p50", s.map { median($0.latencies) }, p.map { median($0.latencies) }, format: ms)
        add("\(label): per txn p95", s.map { percentile($0.latencies, 0.95) }, p.map { percentile($0.latencies, 0.95) }, format: ms)
        if s?.replicaCaughtUp != nil {
            add("\(label): writer replica has all", s?.replicaCaughtUp, p?.replicaCaughtUp, format: secs)
        }
    }
    insertRows("insert \(o.count), 1 port/txn [swift: transact only]", swiftSingle, pySingle)
    if let r = swiftSingleReplica {
        // The same ports range for python-ovs: its first r.inserted transactions.
        let p = pySingle.map { Array($0.latencies.prefix(r.inserted)) }
        let label = "1 port/txn, swift writer replica, first \(r.inserted) ports"
        add("\(label): time", r.total, p.map { $0.reduce(0, +) }, format: secs)
        add("\(label): p50", median(r.latencies), p.map { median($0) }, format: ms)
        add("\(label): p95", percentile(r.latencies, 0.95), p.map { percentile($0, 0.95) }, format: ms)
    }
    insertRows("insert \(o.count), \(o.batch) ports/txn [both: writer replica]", swiftBatch, pyBatch)
    add("catch-up of \(o.count) ports, p50", median(swiftCatch), pyCatch.isEmpty ? nil : median(pyCatch), format: ms)
    add("catch-up of \(o.count) ports, min", swiftCatch.min(), pyCatch.min(), format: ms)
    add("catch-up of \(o.count) ports, max", swiftCatch.max(), pyCatch.max(), format: ms)
    add("replica memory: RSS growth", swiftMemory?.growthMB, pyMemory?.growthMB, format: { String(format: "%.1f MB", $0) })
    add("replica memory: process RSS after", swiftMemory.map { Double($0.rssAfterKiB) / 1024 }, pyMemory.map { Double($0.rssAfterKiB) / 1024 },
        format: { String(format: "%.1f MB", $0) })
    add("replica memory: process peak RSS", swiftMemory.map { Double($0.hwmKiB) / 1024 }, pyMemory.map { Double($0.hwmKiB) / 1024 },
        format: { String(format: "%.1f MB", $0) })

    let w0 = max(rows.map(\.0.count).max() ?? 0, 6)
    func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
    print("")
    print("OVSDB benchmark — \(o.count) Logical_Switch_Ports, ovsdb-server \(serverVersion()), same server, same run")
    print("(ratio = python-ovs / swift: above 1.00x means swift is faster or smaller)")
    print("")
    print("\(pad("figure", w0))  \(pad("swift", 12))  \(pad("python-ovs", 12))  ratio")
    print(String(repeating: "-", count: w0 + 40))
    for r in rows { print("\(pad(r.0, w0))  \(pad(r.1, 12))  \(pad(r.2, 12))  \(r.3)") }
    print("")
    print("python-ovs always writes through its IDL, which keeps a replica of the monitored tables.")
    if let r = swiftSingleReplica, r.inserted < o.count {
        print("swift 1 port/txn with a writer replica stopped at its \(o.replicaBudget) s budget after \(r.inserted) of \(o.count) ports")
    }
    print("swift without a writer replica (transact only, for reference):")
    if let s = swiftBatchBare {
        print("  \(o.batch) ports/txn: total \(secs(s.total)), p50 \(ms(median(s.latencies))), p95 \(ms(percentile(s.latencies, 0.95)))")
    }
    if let m = swiftMemory {
        print("swift replica, child process: RSS \(mb(m.rssBeforeKiB)) -> \(mb(m.rssAfterKiB))"
            + (m.rssAfterTrimKiB.map { " (\(mb($0)) after malloc_trim)" } ?? "")
            + ", peak \(mb(m.hwmKiB)); target < 50 MB")
    }
    print("catch-up samples: swift \(swiftCatch.count), python-ovs \(pyCatch.count); load average at end: \(loadAverage())")
}

func serverVersion() -> String {
    (try? Program.run("ovsdb-server", ["--version"]))?.split(separator: "\n").first.map { String($0.split(separator: " ").last ?? "") } ?? "?"
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
}

// MARK: Entry

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "replica-memory" {
        var socket = ""
        var expect = 0
        var it = arguments.dropFirst().makeIterator()
        while let a = it.next() {
            if a == "--socket" { socket = it.next() ?? "" }
            if a == "--expect" { expect = Int(it.next() ?? "") ?? 0 }
        }
        try await replicaMemoryChild(socket: socket, expect: expect)
    } else {
        try await runBench(try Options.parse(arguments))
    }
} catch {
    FileHandle.standardError.write(Data("ovsdb-bench: \(error)\n".utf8))
    exit(1)
}
