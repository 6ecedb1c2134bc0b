/// A network is coded as its CIDR text (`172.30.99.0/24`); decoding accepts host bits and clears them.
extension IPNetwork: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let network = IPNetwork(text, strict: false) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a CIDR like 172.30.99.0/24")
        }
        self = network
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
