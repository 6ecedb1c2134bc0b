import JSON
import Testing

@Suite struct ParseAndWriteTests {
    @Test func roundTripsEveryKind() throws {
        let text = #"{"b":1,"a":[true,false,null,"x\"y\\z\n\u00e9\ud83d\ude00",-2.5,{}],"c":{"d":[]}}"#
        let json = try JSONParser.parse(text)
        #expect(json["a"]?.array?.count == 6)
        #expect(json["a"]?.array?[3] == .string("x\"y\\z\né😀"))
        #expect(json["a"]?.array?[4] == .double(-2.5))
        #expect(json["b"] == .int(1))
        #expect(try JSONParser.parse(json.bytes) == json)
        // Compact, in the order written, non-ASCII as UTF-8.
        #expect(json.text == #"{"b":1,"a":[true,false,null,"x\"y\\z\né😀",-2.5,{}],"c":{"d":[]}}"#)
    }

    @Test func parsesFromEveryInputKind() throws {
        let text = #" [1, "two"] "#
        let bytes = Array(text.utf8)
        let fromBuffer = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        #expect(try JSONParser.parse(text) == [1, "two"])
        #expect(try JSONParser.parse(bytes) == [1, "two"])
        #expect(fromBuffer == [1, "two"])
    }

    @Test func keepsSixtyFourBitIntegersExact() throws {
        #expect(try JSONParser.parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int.min))
        #expect(JSON.int(Int.max).text == "9223372036854775807")
        #expect(try JSONParser.parse("-0") == .int(0))
    }

    @Test func integersTooLargeForIntBecomeDoubles() throws {
        #expect(try JSONParser.parse("18446744073709551616") == .double(18_446_744_073_709_551_616))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("-9223372036854775809") == .double(-0x1p63))
        #expect(try JSONParser.parse("18446744073709551616").int == nil)
    }

    @Test func bigIntegersAreWrittenExactly() throws {
        let count: JSON = ["total_ips": .bigInteger("18446744073709551614")]
        #expect(String(decoding: count.bytes, as: UTF8.self) == #"{"total_ips":18446744073709551614}"#)
        #expect(count["total_ips"]?.number == 18446744073709551614.0 && count["total_ips"]?.typeName == "number")
    }

    @Test func doublesStayDoubles() throws {
        for value in [1.0, -0.5, 1e20, Double.leastNonzeroMagnitude, 0.1, Double.greatestFiniteMagnitude] {
            let parsed = try JSONParser.parse(JSON.double(value).text)
            #expect(parsed == .double(value), "\(value) wrote \(JSON.double(value).text)")
        }
        #expect(try JSONParser.parse("1E2") == .double(100))
        #expect(try JSONParser.parse("1e-2") == .double(0.01))
    }

    @Test(arguments: ["1e400", "-1e400", "1" + String(repeating: "0", count: 400) + ".0"])
    func rejectsNumbersOutOfRange(_ text: String) {
        #expect(throws: JSONParseError(offset: 0, reason: "number out of range")) { try JSONParser.parse(text) }
    }

    @Test func escapesStringsAsRFC8259Says() throws {
        let s = "q\"b\\s/\n\r\t\u{08}\u{0C}\u{01}\u{1F}é"
        #expect(JSON.string(s).text == #""q\"b\\s/\n\r\t\b\f\u0001\u001fé""#)
        #expect(try JSONParser.parse(JSON.string(s).text) == .string(s))
        #expect(try JSONParser.parse(#""\/\u0041\u00E9\uD834\uDD1E""#) == .string("/Aé𝄞"))
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }  // encoded surrogate
    }

    /// Each malformed document with the offset the error must name.
    @Test(arguments: [
        ("", 0), ("{", 1), ("[1,]", 3), (#"{"a" 1}"#, 5), ("01", 0), ("1.", 2), ("1e", 2), ("-", 1), (".5", 0),
        (#""\x""#, 2), ("tru", 3), ("nul!", 3), (#"{"a":1}}"#, 7), ("\"\u{01}\"", 1), (#""abc"#, 0),
        (#"{1:2}"#, 1), ("[1 2]", 3), (#""\ud800""#, 7), (#""\udc00""#, 3), (#""\u12g4""#, 5), ("+1", 0), ("NaN", 0),
    ])
    func rejectsMalformedWithOffset(_ text: String, _ offset: Int) {
        do {
            let value = try JSONParser.parse(text)
            Issue.record("\(text) parsed as \(value)")
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test func limitsNesting() throws {
        let deepest = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(try JSONParser.parse(deepest).array?.count == 1)
        let tooDeep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(tooDeep) }
        // Far deeper than any stack: an error, not a crash.
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: #"{"a":["#, count: 100_000)) }
    }

    @Test func accessors() throws {
        let json: JSON = ["i": 3, "d": 2.5, "s": "x", "b": true, "n": nil, "a": [1], "o": ["k": "v"]]
        #expect(json["i"]?.int == 3 && json["i"]?.double == 3 && json["i"]?.number == 3)
        #expect(json["d"]?.int == nil && json["d"]?.double == 2.5 && json["d"]?.number == 2.5)
        #expect(json["s"]?.string == "x" && json["s"]?.int == nil)
        #expect(json["b"]?.bool == true && json["n"]?.isNull == true && json["i"]?.isNull == false)
        #expect(json["a"]?.array == [1] && json["o"]?.object?["k"] == "v" && json["o"]?["k"] == "v")
        #expect(json["missing"] == nil && JSON.string("x")["k"] == nil)
        #expect(json["i"]?.typeName == "number" && json["d"]?.typeName == "number" && json["o"]?.typeName == "object")
        #expect(JSON.optional(nil) == .null && JSON.optional("a") == "a")
    }
}
