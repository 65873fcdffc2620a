/// Who makes a request, as the audit log records it: the signed-in account (if any), the
/// request's id and the client's address. Services take it instead of the HTTP context.
struct Caller: Sendable {
    var principal: Principal?
    var requestID: String
    var address: String
}

extension AppRequestContext {
    /// The caller behind this request.
    var caller: Caller { Caller(principal: identity, requestID: requestID, address: remoteAddress) }
}
