import CampaignDispatch
import Logging
import ServiceLifecycle

/// The server's ``MessagingWorker``, stopped with the server.
struct OutboundDispatchService: Service {
    let worker: MessagingWorker

    func run() async throws {
        await cancelWhenGracefulShutdown { await worker.run() }
    }
}
