import JSON
import Testing

@Suite struct JSONObjectTests {
    @Test func keepsInsertionOrder() throws {
        let json = try JSONParser.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(json.object?.keys == ["z", "a", "m"])
        #expect(json.text == #"{"z":1,"a":2,"m":3}"#)
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "a", "c"] && object["b"] == 4)
        object["a"] = nil
        #expect(object.keys == ["b", "c"] && object.count == 2 && !object.isEmpty)
        #expect(Array(object).map(\.key) == ["b", "c"])
    }

    @Test(arguments: [3, 100])
    func laterDuplicateKeyReplacesInPlace(_ size: Int) throws {
        let members = (0..<size).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        let json = try JSONParser.parse(#"{"dup":"first",\#(members),"dup":"last"}"#)
        let object = try #require(json.object)
        #expect(object.count == size + 1)
        #expect(object.keys.first == "dup" && object["dup"] == "last")
        #expect(JSONObject([("a", 1), ("b", 2), ("a", 3)]).members.map(\.key) == ["a", "b"])
        #expect(JSONObject([("a", 1), ("b", 2), ("a", 3)])["a"] == 3)
    }

    @Test func largeObjectsStayIndexedThroughRemovals() {
        var object = JSONObject((0..<100).map { ("k\($0)", JSON.int($0)) })
        #expect(object["k77"] == 77)
        object["k10"] = nil
        object.removeValue(forKey: "k20")
        #expect(object.count == 98 && object["k10"] == nil && object["k20"] == nil)
        #expect(object["k99"] == 99 && object["k0"] == 0 && object.keys[10] == "k11")
        object["k10"] = "back"
        #expect(object.keys.last == "k10" && object["k10"] == "back")
        let taken = object.takeMembers()
        #expect(taken.count == 99 && object.isEmpty && object["k0"] == nil)
    }

    @Test func equalityAndHashIgnoreOrder() {
        let a: JSONObject = ["x": 1, "y": [true, nil]]
        let b: JSONObject = ["y": [true, nil], "x": 1]
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([JSON.object(a), .object(b)]).count == 1)
        #expect(a != ["x": 1] && a != ["x": 2, "y": [true, nil]] && JSON.int(1) != .double(1))
    }

    /// Parsing and reading every member of a large object grows linearly: eight times the members
    /// cost about eight times as much (best of five, so other tests running beside it barely matter),
    /// far less than the sixty-four times a quadratic key scan would take.
    @Test func largeObjectsParseAndReadInLinearTime() throws {
        func cost(_ size: Int) throws -> Duration {
            let text = "{" + (0..<size).map { #""member-\#($0)":\#($0)"# }.joined(separator: ",") + "}"
            let bytes = Array(text.utf8)
            var best = Duration.seconds(1000)
            for _ in 0..<5 {
                let clock = ContinuousClock()
                var found = 0
                let elapsed = try clock.measure {
                    let object = try #require(try JSONParser.parse(bytes).object)
                    for i in 0..<size where object["member-\(i)"] == .int(i) { found += 1 }
                }
                #expect(found == size)
                best = min(best, elapsed)
            }
            return best
        }
        let small = try cost(5_000), large = try cost(40_000)
        let ratio = large / small
        #expect(ratio < 24, "5,000 members: \(small), 40,000 members: \(large)")
        #expect(try JSONParser.parse("{" + (0..<20_000).map { #""m\#($0)":null"# }.joined(separator: ",") + "}").object?.count == 20_000)
    }
}
