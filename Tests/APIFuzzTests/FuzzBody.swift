import OpenStackAPI
import OpenStackAPITesting

/// A request body under construction: a JSON value whose `Raw` placeholders are replaced by text JSON values
/// cannot hold (huge integers, 1e400, bad UTF-8) once it is serialized.
struct FuzzBody {
    private(set) var raws: [[UInt8]] = []

    /// A placeholder for `bytes`, spliced in verbatim.
    mutating func raw(_ bytes: [UInt8]) -> JSON {
        raws.append(bytes)
        return .string("@@RAW\(raws.count - 1)@@")
    }

    /// The bytes of `value` with every placeholder replaced.
    func bytes(_ value: JSON) -> [UInt8] {
        var text = value.bytes
        for (n, raw) in raws.enumerated().reversed() {
            let marker = Array("\"@@RAW\(n)@@\"".utf8)
            while let range = text.firstRange(of: marker) { text.replaceSubrange(range, with: raw) }
        }
        return text
    }

    /// A value of the wrong kind or out of every range: numbers no integer holds, deep nesting, long or odd strings.
    mutating func weird(_ r: inout FuzzRandom) -> JSON {
        switch r.int(0...15) {
        case 0: return raw(Array("18446744073709551616".utf8))
        case 1: return raw(Array("1e400".utf8))
        case 2: return raw(Array("-1e400".utf8))
        case 3: return -0.5
        case 4: return raw(Array("9223372036854775808".utf8))
        case 5: return raw(Array("-9223372036854775809".utf8))
        case 6: return .integer(Int.max)
        case 7: return .string(String(repeating: "x", count: r.int(256...20_000)))
        case 8: return "\u{0}\u{7}\u{202E}ünïcødé 🐧 '\"; DROP TABLE"
        case 9: return raw([0x22, 0xFF, 0xFE, 0xC3, 0x28, 0x22])  // a string of invalid UTF-8
        case 10: return raw(Array((String(repeating: "[", count: 300) + String(repeating: "]", count: 300)).utf8))
        case 11: return [[["nested": [[[]]]]]]
        case 12: return .null
        case 13: return .bool(r.chance(0.5))
        case 14: return ["unexpected": "object"]
        default: return .integer(r.pick([-1, 0, 1, 65535, 65536, 4095, 4096, 4294967296]))
        }
    }

    /// An integer field's value at or past the edges: no Int holds 2^64 or 1e400, -0.5 and 1.5 are no integers.
    mutating func edgeNumber(_ r: inout FuzzRandom) -> JSON {
        switch r.int(0...9) {
        case 0: return raw(Array("18446744073709551616".utf8))
        case 1: return raw(Array("1e400".utf8))
        case 2: return -0.5
        case 3: return 1.5
        case 4: return raw(Array("9223372036854775808".utf8))
        case 5: return raw(Array("-9223372036854775809".utf8))
        case 6: return .integer(Int.max)
        case 7: return .integer(Int.min)
        case 8: return raw(Array("1e18".utf8))
        default: return "6"
        }
    }

    /// A body that is not a JSON object at all.
    static func junk(_ r: inout FuzzRandom) -> [UInt8] {
        switch r.int(0...11) {
        case 0: return []
        case 1: return Array("garbage".utf8)
        case 2: return Array("{".utf8)
        case 3: return Array("[]".utf8)
        case 4: return Array("null".utf8)
        case 5: return Array((String(repeating: "[", count: 5000)).utf8)
        case 6: return Array((String(repeating: "{\"a\":", count: 400) + "1" + String(repeating: "}", count: 400)).utf8)
        case 7: return [0xEF, 0xBB, 0xBF] + Array("{}".utf8)
        case 8: return (0..<r.int(1...512)).map { _ in UInt8.random(in: 0...255, using: &r) }
        case 9: return Array("18446744073709551616".utf8)
        case 10: return Array("{\"a\": 1, \"a\": 2} trailing".utf8)
        default: return Array("{\"x\": \"\\ud800\"}".utf8)
        }
    }
}
