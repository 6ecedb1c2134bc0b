/// A strict RFC 8259 parser into ``JSON``; it never traps on bad input.
public struct JSONParser {
    /// Why a document could not be parsed.
    public struct Failure: Error, Sendable { public let offset: Int }

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    /// Parses one complete document.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSON {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let value = try p.value()
        p.skipSpace()
        guard p.i == bytes.count else { throw Failure(offset: p.i) }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private func fail() -> Failure { Failure(offset: i) }

    private mutating func literal(_ word: String, _ value: JSON) throws(Failure) -> JSON {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw fail() }
        i += w.count
        return value
    }

    private mutating func value() throws(Failure) -> JSON {
        guard i < bytes.count else { throw fail() }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        guard depth < 200 else { throw fail() }
        i += 1
        skipSpace()
    }

    private mutating func object() throws(Failure) -> JSON {
        try nest()
        var obj = JSONObject()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(obj) }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail() }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail() }
            i += 1
            skipSpace()
            obj[key] = try value()
            skipSpace()
            guard i < bytes.count else { throw fail() }
            if bytes[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
            guard bytes[i] == UInt8(ascii: "}") else { throw fail() }
            i += 1
            depth -= 1
            return .object(obj)
        }
    }

    private mutating func array() throws(Failure) -> JSON {
        try nest()
        var items: [JSON] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail() }
            if bytes[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
            guard bytes[i] == UInt8(ascii: "]") else { throw fail() }
            i += 1
            depth -= 1
            return .array(items)
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16)
        else { throw fail() }
        i += 4
        return v
    }

    private mutating func string() throws(Failure) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw fail() }
                return s
            }
            guard c >= 0x20 else { throw fail() }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail() }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 2 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                    else { throw fail() }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail() }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail()
            }
        }
        throw fail()
    }

    private mutating func number() throws(Failure) -> JSON {
        let start = i
        func digits(_ p: inout JSONParser) -> Int {
            let from = p.i
            while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) { p.i += 1 }
            return p.i - from
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let leadingZero = i < bytes.count && bytes[i] == UInt8(ascii: "0")
        let intDigits = digits(&self)
        guard intDigits > 0, !(leadingZero && intDigits > 1) else { throw Failure(offset: start) }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw Failure(offset: start) }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw Failure(offset: start) }
        }
        guard let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)), d.isFinite else { throw Failure(offset: start) }
        return .number(d)
    }
}
