public import MetadataSecret
public import OpenStackAPI

/// How the metadata service is set up.
public struct MetadataConfiguration: Sendable {
    /// Where it listens (nova-metadata's port is 8775).
    public var listen: ListenAddress
    /// The secret shared with the metadata agents (`metadata_proxy_shared_secret`).
    public var sharedSecret: SharedSecret
    /// The compute API URL (with or without `/v2.1`).
    public var computeURL: String
    /// How long an instance's metadata is reused (nova's `metadata_cache_expiration`, 15 s).
    public var cacheLifetime: Duration

    /// A configuration from its parts.
    public init(listen: ListenAddress, sharedSecret: SharedSecret, computeURL: String, cacheLifetime: Duration = .seconds(15)) {
        self.listen = listen
        self.sharedSecret = sharedSecret
        self.computeURL = computeURL
        self.cacheLifetime = cacheLifetime
    }
}

extension MetadataConfiguration: CustomStringConvertible {
    /// The configuration without the secret, for logs.
    public var description: String { "metadata on \(listen.host):\(listen.port), compute \(computeURL), cache \(cacheLifetime)" }
}
