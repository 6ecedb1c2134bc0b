public import Foundation
public import OpenStackAPI

/// How the image service is set up.
public struct ImageConfiguration: Sendable {
    /// The database and the image files (`images/`) live here.
    public var stateDirectory: URL
    /// Where the API listens.
    public var listen: ListenAddress
    /// The largest image accepted, in bytes (`[DEFAULT] image_size_cap`; Glance's default is 1 TiB).
    public var maxImageSize: Int

    /// A configuration from its parts.
    public init(stateDirectory: URL, listen: ListenAddress, maxImageSize: Int = 1 << 40) {
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.maxImageSize = maxImageSize
    }
}
