/// A compute API microversion (`2.1`): parsed from `OpenStack-API-Version: compute X.Y` or the legacy
/// `X-OpenStack-Nova-API-Version: X.Y`; missing means 2.1 and `latest` the maximum.
struct Microversion: Comparable, Sendable, CustomStringConvertible {
    var major: Int
    var minor: Int

    /// The oldest version served.
    static let min = Microversion(major: 2, minor: 1)
    /// The newest version served: every body is shaped exactly as at 2.1.
    static let max = Microversion(major: 2, minor: 1)

    static func < (a: Microversion, b: Microversion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }

    var description: String { "\(major).\(minor)" }

    /// Why a requested version was refused.
    enum Refusal: Error {
        case malformed(String)
        case unsupported(String)
    }

    /// The version asked by the two headers (the standard one wins), or why it is refused.
    static func requested(standard: String?, legacy: String?) throws(Refusal) -> Microversion {
        var text: String?
        if let standard {
            for item in standard.split(separator: ",") {
                let words = item.split(separator: " ", omittingEmptySubsequences: true)
                if words.count == 2, words[0].lowercased() == "compute" { text = String(words[1]) }
            }
        }
        if text == nil, let legacy { text = legacy.stripping(" ") }
        guard let text else { return .min }
        if text.lowercased() == "latest" { return .max }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
            throw .malformed(text)
        }
        let version = Microversion(major: major, minor: minor)
        guard version >= .min, version <= .max else { throw .unsupported(text) }
        return version
    }
}
