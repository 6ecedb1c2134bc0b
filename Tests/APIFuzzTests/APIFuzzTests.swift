import Foundation
import OpenStackAPI
import OpenStackAPITesting
import OVSDB
import Testing

/// Seeded, bounded, stateful fuzzing of `ovnstack serve identity`, `network` and `image` as real processes
/// over real NB/SB ovsdb-servers: random valid and invalid bodies, query strings and headers for every resource
/// and verb, reusing the ids earlier requests created. No answer may be a 5xx, both services must be the same
/// processes at the end, and a restart of the networking service (its start repairs the whole NB from the
/// database) must find nothing to change.
///
/// `OVNSTACK_FUZZ_SEED` replays a run (the seed is printed; the default is fixed, `random` picks a new one), `OVNSTACK_FUZZ_REQUESTS` (default 3000) and
/// `OVNSTACK_FUZZ_SECONDS` (default 60) bound it.
@Suite struct APIFuzzTests {
    static func setting(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    @Test func randomRequestsNeverBreakTheServices() async throws {
        // A fixed seed by default, so that `make test` (and CI) replays the same run; `random` explores a new one.
        let asked = Self.setting("OVNSTACK_FUZZ_SEED")
        let seed = asked == "random" ? UInt64.random(in: 0...UInt64(UInt32.max)) : asked.flatMap { UInt64($0) } ?? 20_261_201
        let count = Self.setting("OVNSTACK_FUZZ_REQUESTS").flatMap { Int($0) } ?? 3000
        let seconds = Self.setting("OVNSTACK_FUZZ_SECONDS").flatMap { Int($0) } ?? 60
        print("APIFuzzTests: seed \(seed), at most \(count) requests in \(seconds) s (OVNSTACK_FUZZ_SEED=\(seed) replays it)")
        let cloud = try await ProcessCloud.start()
        let result = await outcome { try await Self.fuzz(cloud, seed: seed, count: count, seconds: seconds) }
        await cloud.stop()
        try result.get()
    }

    static func fuzz(_ cloud: ProcessCloud, seed: UInt64, count: Int, seconds: Int) async throws {
        var r = FuzzRandom(seed: seed)
        let identity = cloud.identity.client
        let admin = try await identity.scopedToken(user: "admin", password: try cloud.adminPassword(), project: "admin")
        let demo = try await identity.token(user: "demo", password: try cloud.demoPassword(), project: "demo")
        let pids = (cloud.identity.pid, cloud.network.pid, cloud.image.pid)

        var bootstrap = FuzzPool()
        for collection in IdentityRequests.collections {
            for item in try await identity.get("/v3/\(collection)", token: admin.token).json[collection]?.array ?? [] {
                if let id = item["id"]?.string { bootstrap.add(collection, id) }
            }
        }
        var pool = FuzzPool()
        pool.add("tokens", admin.token)

        var failures: [String] = []
        var statuses: [Int: Int] = [:]
        let deadline = ContinuousClock.now + .seconds(seconds)
        var sent = 0
        while sent < count, ContinuousClock.now < deadline, failures.count < 20 {
            let draw = r.int(0...99)
            var request = draw < 30 ? IdentityRequests.make(pool, bootstrap: bootstrap, &r)
                : draw < 50 ? ImageRequests.make(pool, &r) : NetworkRequests.make(pool, &r)
            request.headers += FuzzHeaders.make(&r)
            switch r.int(0...19) {
            case 0: request.token = nil
            case 1: request.token = r.pick(["garbage", "", String(repeating: "x", count: 5000), "gAAAAA%%"])
            case 2...5: request.token = demo
            default: request.token = admin.token
            }
            let service = switch request.service {
            case .identity: cloud.identity
            case .network: cloud.network
            case .image: cloud.image
            }
            sent += 1
            let response: APIResponse
            do {
                response = try await service.client.send(request.method, request.path, token: request.token, body: request.body, headers: request.headers)
            } catch {
                try? await Task.sleep(for: .milliseconds(300))
                if !service.isAlive {
                    let why = service.log.split(separator: "\n").filter { $0.contains("Fatal error") || $0.contains("error:") }.prefix(3)
                    failures.append("the \(service.name) service died (\(service.exitDescription)) on request \(sent): \(request)\nits log: \(why.joined(separator: " | "))")
                    break
                }
                failures.append("request \(sent) got no answer (\(error)): \(request)")
                continue
            }
            statuses[response.status, default: 0] += 1
            // 501 is a deliberate refusal of a feature the service does not implement (Keystone answers it too).
            if response.status >= 500, response.status != 501 {
                failures.append("request \(sent) answered \(response): \(request)")
            } else if response.status >= 400, request.method != "HEAD", !response.isJSON {
                failures.append("request \(sent): a \(response.status) without a JSON error body (\(response.text.prefix(200))): \(request)")
            }
            remember(request, response, &pool)
        }
        print("APIFuzzTests: seed \(seed): \(sent) requests, statuses \(statuses.sorted { $0.key < $1.key })")
        for failure in failures { Issue.record("seed \(seed): \(failure)") }
        #expect(cloud.identity.isAlive && cloud.identity.pid == pids.0, "identity: \(cloud.identity.exitDescription)")
        #expect(cloud.network.isAlive && cloud.network.pid == pids.1, "network: \(cloud.network.exitDescription)")
        #expect(cloud.image.isAlive && cloud.image.pid == pids.2, "image: \(cloud.image.exitDescription)")
        guard cloud.identity.isAlive, cloud.network.isAlive else { return }
        try await checkConsistency(cloud, token: admin.token, seed: seed)
    }

    /// Pools the ids of what a request created and forgets what it deleted.
    static func remember(_ request: FuzzRequest, _ response: APIResponse, _ pool: inout FuzzPool) {
        if request.service == .identity, request.path.hasPrefix("/v3/auth/tokens"), response.status == 201,
           let token = response.header("X-Subject-Token") {
            pool.add("tokens", token)
            return
        }
        guard let collection = request.collection else { return }
        if request.method == "DELETE", response.status == 204 {
            pool.remove(collection, String(request.path.split(separator: "/").last ?? ""))
            return
        }
        guard response.status == 201 else { return }
        // Glance answers a create with the image itself, the others with `{"<member>": {...}}`.
        if request.service == .image, let id = response.json["id"]?.string { pool.add(collection, id) }
        let member = request.service == .identity ? String(collection.dropLast()) : NetworkRequests.member(of: collection)
        if let id = response.json[member]?["id"]?.string { pool.add(collection, id) }
        for item in response.json[collection.replacingOccurrences(of: "-", with: "_")]?.array ?? [] {
            if let id = item["id"]?.string { pool.add(collection, id) }
        }
    }

    /// The database and the NB agree: a restart of the networking service (whose start compares the whole NB
    /// with the database and repairs any difference) changes no NB row, and the API answers the same lists.
    static func checkConsistency(_ cloud: ProcessCloud, token: String, seed: UInt64) async throws {
        let observer = try await NorthboundObserver(cloud.nbServer.endpoint)
        func lists() async throws -> [String: Set<String>] {
            var out: [String: Set<String>] = [:]
            for collection in NetworkRequests.collections {
                let r = try await cloud.network.client.get("/v2.0/\(collection)", token: token)
                out[collection] = Set((r.json[collection.replacingOccurrences(of: "-", with: "_")]?.array ?? []).compactMap { $0.object.map { JSON.object($0).text } })
            }
            return out
        }
        try await Task.sleep(for: .milliseconds(500))
        let before = observer.rows()
        let apiBefore = try await lists()
        #expect(!before.isEmpty)
        do {
            try await cloud.restartNetwork()
        } catch {
            let nbLog = (try? String(contentsOfFile: cloud.nbServer.directory + "/ovsdb-server.log", encoding: .utf8)) ?? ""
            Issue.record("seed \(seed): the networking service did not restart: \(error)\nNB log: \(nbLog.suffix(3000))")
            await observer.close()
            return
        }
        try await Task.sleep(for: .milliseconds(500))
        let after = observer.rows()
        await observer.close()
        let changed = Set(before.keys).symmetricDifference(after.keys).union(before.keys.filter { after[$0] != nil && after[$0] != before[$0] })
        #expect(changed.isEmpty, "seed \(seed): the repair at restart changed NB rows: \(changed.sorted().prefix(20))")
        let apiAfter = try await lists()
        for collection in NetworkRequests.collections {
            let a = apiBefore[collection] ?? [], b = apiAfter[collection] ?? []
            #expect(a.count == b.count, "seed \(seed): \(collection): \(a.count) before the restart, \(b.count) after")
        }
    }
}
