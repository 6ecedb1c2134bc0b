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

    @Test("start runs a program in the background until the caller stops it")
    func background() throws {
        let process = try Program.start("sleep", ["30"])
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)  // not SIGTERM: the test runner's children may inherit a mask blocking it
        process.waitUntilExit()
        #expect(!process.isRunning && process.terminationReason == .uncaughtSignal)
    }
}
