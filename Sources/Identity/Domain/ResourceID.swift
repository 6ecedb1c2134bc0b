import Foundation

/// New resource ids: 32 lowercase hex characters, like Keystone's.
enum ResourceID {
    static func make() -> String { UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }
}
