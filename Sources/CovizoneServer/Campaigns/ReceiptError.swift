/// Why a notification provider's delivery receipt is refused.
enum ReceiptError: Error, Equatable {
    /// No HTTP provider of this name takes callbacks here.
    case unknownProvider(String)
    /// The callback token is missing or not the provider's.
    case wrongToken
    /// No message was sent with this idempotency key.
    case unknownMessage(String)
}
