import Messaging
import NIOCore

/// Cuts the byte stream into PDUs by their length header and decodes them. A PDU that does not
/// decode closes the connection: after a bad length there is no telling where the next one starts.
public struct SMPPFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = SMPPPDU

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard length >= 16, length <= SMPPPDU.maximumLength else { throw SMPPError.invalidLength(Int(length)) }
        guard let bytes = buffer.readBytes(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(try SMPPPDU.decode(bytes)))
        return .continue
    }
}
