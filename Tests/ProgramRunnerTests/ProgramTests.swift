import Foundation
import Testing
@testable import ProgramRunner

@Suite("running programs")
struct ProgramTests {
    @Test("probe returns status and combined stdout+stderr; run throws on a non-zero exit")
    func runAndProbe() async throws {
        let result = Program.probe("sh", ["-c", "echo out; echo err >&2; exit 4"])
        #expect(result.status == 4 && !result.succeeded)
        #expect(result.output == "out\nerr\n")
        #expect(try Program.run("sh", ["-c", "printf %s \"$X\""], environment: ["X": "set"]) == "set")
        #expect(throws: ProgramFailure.self) { try Program.run("false", []) }
        #expect(try await Program.runAsync("echo", ["async"]) == "async\n")
        #expect(await Program.probeAsync("sh", ["-c", "exit 2"]).status == 2)
    }

    @Test("a missing program is status 127 and found nowhere")
    func missing() {
        #expect(Program.find("no-such-program-xyz") == nil)
        #expect(Program.find("sh")?.hasSuffix("/sh") == true)
        #expect(Program.probe("no-such-program-xyz", []).status == 127)
        do {
            try Program.run("no-such-program-xyz", ["a"])
            Issue.record("a missing program ran")
        } catch {
            #expect(error.notFound && error.command == "no-such-program-xyz a")
        }
    }

    @Test("start runs a program in the background until the caller stops it; its output can go to a log file")
    func background() throws {
        let process = try Program.start("sleep", ["30"])
        #expect(process.isRunning && process.terminationStatus == nil && process.exitDescription == "running")
        kill(process.pid, SIGTERM)  // children start with an empty signal mask and default dispositions
        #expect(process.waitUntilExit() == 128 + SIGTERM)
        #expect(!process.isRunning && process.exitDescription == "signal \(SIGTERM)")

        let log = FileManager.default.temporaryDirectory.appendingPathComponent("program-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let writer = try Program.start("sh", ["-c", "echo one; echo two >&2; exit 3"], logFile: log)
        #expect(writer.waitUntilExit() == 3 && writer.exitDescription == "exit 3")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "one\ntwo\n")
    }

    @Test("a child gets no descriptor of ours beyond stdin, stdout and stderr")
    func noInheritedDescriptors() throws {
        let stray = open("/dev/null", O_RDONLY)  // not close-on-exec: Foundation's Process closed such ones itself
        defer { close(stray) }
        #expect(stray > 2)
        let seen = try Program.run("sh", ["-c", "if [ -e /proc/$$/fd/\(stray) ]; then echo inherited; else echo closed; fi"])
        #expect(seen == "closed\n")
    }

    @Test("many programs run at once from many threads, each with its own output")
    func concurrentRuns() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<64 {
                group.addTask {
                    let output = try await Program.runAsync("sh", ["-c", "echo \(i)"])
                    #expect(output == "\(i)\n")
                }
            }
            try await group.waitForAll()
        }
    }
}
