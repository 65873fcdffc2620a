import Hummingbird
import HummingbirdAuth
import NIOCore

/// The context of every Covizone request: the signed-in principal, if any, and the peer's address.
public struct AppRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Principal?
    /// IP address of the client, used for limits and the audit log: the peer's, or the one a
    /// trusted proxy forwarded (``ClientAddressMiddleware``).
    public var remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies up to 1 MiB; larger uploads get their own limits where a route needs them.
    public var maxUploadSize: Int { 1 << 20 }
}
