import Foundation
import Messaging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// An SMSC inside the calling process, written with Covizone's SMPP codec: it accepts any bind,
/// answers every submit_sm with an id at once and sends its delivery receipt right after. The
/// benchmark measures the dispatcher against it; `serve --demo` sends the demo's texts to it,
/// so that they never reach an operator.
public enum LoopbackSMSC {
    /// Starts listening on a free port of 127.0.0.1; returns the channel (close it to stop).
    /// Every `undeliverableEvery`-th message gets an UNDELIV receipt (nil: all are delivered);
    /// receipts come `receiptDelay` after the message, as a handset's answer would.
    public static func start(undeliverableEvery: Int? = nil, receiptDelay: TimeAmount = .zero) async throws -> any Channel {
        // Message ids, unique across this SMSC's connections as a real one's are.
        let nextID = NIOLockedValueBox(1)
        return try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMPPFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Handler(nextID: nextID, undeliverableEvery: undeliverableEvery, receiptDelay: receiptDelay))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = SMPPPDU
        typealias OutboundOut = ByteBuffer

        let nextID: NIOLockedValueBox<Int>
        let undeliverableEvery: Int?
        let receiptDelay: TimeAmount
        private var nextSequence: UInt32 = 1

        init(nextID: NIOLockedValueBox<Int>, undeliverableEvery: Int?, receiptDelay: TimeAmount) {
            self.nextID = nextID
            self.undeliverableEvery = undeliverableEvery
            self.receiptDelay = receiptDelay
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let pdu = unwrapInboundIn(data)
            switch pdu.command {
            case .bindTransceiver, .bindTransmitter, .bindReceiver:
                send(SMPPPDU(command: pdu.command.response!, sequence: pdu.sequence, body: .bindResponse(systemID: "LOOPBACK")), context)
            case .submitSM:
                guard case .shortMessage(let message) = pdu.body else { return }
                let number = nextID.withLockedValue { id in
                    defer { id += 1 }
                    return id
                }
                let id = String(number, radix: 16, uppercase: true)
                send(SMPPPDU(command: .submitSMResponse, sequence: pdu.sequence, body: .messageID(id)), context)
                let state = undeliverableEvery.map { number % $0 == 0 } == true ? "UNDELIV err:001" : "DELIVRD err:000"
                var receipt = SMPPShortMessage(
                    source: message.destination, destination: message.source,
                    shortMessage: Array("id:\(id) sub:001 dlvrd:001 submit date:2611260000 done date:2611260000 stat:\(state) text:".utf8)
                )
                receipt.esmClass = 0x04
                let deliver = SMPPPDU(command: .deliverSM, sequence: nextSequence, body: .shortMessage(receipt))
                nextSequence += 1
                if receiptDelay == .zero {
                    send(deliver, context)
                } else {
                    let channel = context.channel
                    context.eventLoop.scheduleTask(in: receiptDelay) {
                        channel.writeAndFlush(channel.allocator.buffer(bytes: deliver.encoded()), promise: nil)
                    }
                }
            case .enquireLink, .unbind:
                send(SMPPPDU(command: pdu.command.response!, sequence: pdu.sequence), context)
            default:
                break
            }
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            context.flush()
        }

        private func send(_ pdu: SMPPPDU, _ context: ChannelHandlerContext) {
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: pdu.encoded())), promise: nil)
        }
    }
}
