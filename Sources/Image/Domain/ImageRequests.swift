/// `POST /v2/images`, typed: what was sent.
struct ImageCreate: Sendable, Equatable {
    var id: String?
    var name: String?
    var owner: String?
    var visibility: Image.Visibility?
    var protected: Bool?
    var hidden: Bool?
    var diskFormat: String?
    var containerFormat: String?
    var minDisk: Int?
    var minRAM: Int?
    var tags: [String]?
    var properties: [String: String] = [:]
}

/// One change of a `PATCH /v2/images/{id}` (JSON patch `add`/`replace`/`remove` on one attribute).
enum ImageChange: Sendable, Equatable {
    case name(String?)
    case visibility(Image.Visibility)
    case protected(Bool)
    case hidden(Bool)
    case diskFormat(String?)
    case containerFormat(String?)
    case minDisk(Int)
    case minRAM(Int)
    case tags([String])
    /// An extra property; nil removes it.
    case property(String, String?)
}
