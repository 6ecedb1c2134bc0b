public import Foundation
public import OpenStackAPI

/// How the compute API service is set up.
public struct ComputeConfiguration: Sendable {
    /// The database lives here.
    public var stateDirectory: URL
    /// Where the API listens.
    public var listen: ListenAddress
    /// The Image service (`http://127.0.0.1:9292`).
    public var imageURL: String
    /// The Networking service (`http://127.0.0.1:9696`).
    public var networkURL: String
    /// The service user's token, sent to Image, Networking and the agents.
    public var serviceToken: ServiceToken
    /// Seconds a build waits for its `network-vif-plugged` events after the agent reported it running (Nova: 300).
    public var vifPluggingTimeout: Double

    /// A configuration from its parts.
    public init(stateDirectory: URL, listen: ListenAddress, imageURL: String, networkURL: String, serviceToken: ServiceToken,
                vifPluggingTimeout: Double = 300) {
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.imageURL = imageURL.hasSuffix("/") ? String(imageURL.dropLast()) : imageURL
        self.networkURL = networkURL.hasSuffix("/") ? String(networkURL.dropLast()) : networkURL
        self.serviceToken = serviceToken
        self.vifPluggingTimeout = vifPluggingTimeout
    }
}
