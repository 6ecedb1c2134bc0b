import Testing
@testable import OVSDB

@Suite struct JSONTests {
    @Test func parsesAndWritesEveryKind() throws {
        let text = #"{"a":[1,-2,3.5,true,false,null,"x\"y\\z\n\u00e9\ud83d\ude00"],"b":{}}"#
        let json = try JSONParser.parse(text)
        #expect(json["a"]?.arrayValue?.count == 7)
        #expect(json["a"]?.arrayValue?[0] == .int(1))
        #expect(json["a"]?.arrayValue?[2] == .double(3.5))
        #expect(json["a"]?.arrayValue?[6] == .string("x\"y\\z\né😀"))
        #expect(try JSONParser.parse(json.text) == json)
    }

    @Test func keepsLargeIntegersExact() throws {
        #expect(try JSONParser.parse("9007199254740993") == .int(9_007_199_254_740_993))
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01x", "{\"a\":1}}", "\"\u{01}\""])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }
}
