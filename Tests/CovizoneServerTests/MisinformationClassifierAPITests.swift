import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HummingbirdTesting
import Misinformation
import Testing

@Suite("Misinformation desk: the classifier learns from the desk's verdicts and orders the queue")
struct MisinformationClassifierAPITests {
    /// The labelled set the library's tests use (its provenance is beside it), as posts with addresses.
    static func labelledPosts() throws -> [[String: Any]] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MisinformationTests/Fixtures/posts-labelled.jsonl")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { line in
            var post = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            post["url"] = "https://\(post["platform"] as? String ?? "other").com/p/\(post["id"] as? Int ?? 0)"
            return post
        }
    }

    @Test("trained on the desk's verdicts the model is cross-validated by claim, new items are scored, and the queue puts the likely false first with its words", arguments: TestEngine.available)
    func training(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let posts = try Self.labelledPosts()
            let (decided, held) = (posts.prefix(200), posts.dropFirst(200))
            let report = try await MisinformationDeskAPITests.importPosts(try MisinformationDeskAPITests.jsonLines(Array(decided)), as: admin).json()
            #expect(report["imported"] as? Int == 200)
            let label = Dictionary(uniqueKeysWithValues: decided.map { ($0["url"] as? String ?? "", $0["label"] as? Int ?? 0) })
            var cursor: String?
            repeat {
                let page = try await admin.send(.get, "/api/v1/misinformation/claims?limit=200" + (cursor.map { "&cursor=\($0)" } ?? "")).json()
                for claim in page["items"] as? [[String: Any]] ?? [] {
                    let id = claim["id"] as? Int ?? 0
                    let items = try await admin.send(.get, "/api/v1/misinformation/claims/\(id)").json()["items"] as? [[String: Any]] ?? []
                    let unreliable = items.filter { label[$0["url"] as? String ?? ""] == 1 }.count * 2 >= items.count
                    #expect(try await admin.send(.patch, "/api/v1/misinformation/claims/\(id)", json: ["status": unreliable ? "false" : "true"]).status == .ok)
                }
                cursor = page["nextCursor"] as? String
            } while cursor != nil

            let trained = try await admin.send(.post, "/api/v1/misinformation/models")
            #expect(trained.status == .created, "\(trained.text)")
            let model = try trained.json()
            #expect(model["samples"] as? Int == 200 && (model["folds"] as? Int ?? 0) >= 2)
            #expect((model["auc"] as? Double ?? 0) > 0.75, "cross-validated by claim: \(model)")
            let versions = try await admin.send(.get, "/api/v1/misinformation/models").json()["items"] as? [[String: Any]]
            #expect(versions?.count == 1)

            _ = try await MisinformationDeskAPITests.importPosts(try MisinformationDeskAPITests.jsonLines(Array(held)), as: admin)
            let queue = try #require(try await admin.send(.get, "/api/v1/misinformation/queue?limit=200").json()["items"] as? [[String: Any]])
            let scores = queue.compactMap { $0["score"] as? Double }
            #expect(scores.count == queue.count && scores == scores.sorted(by: >), "every new claim scored, highest first")
            let reasons = queue.first?["reasons"] as? [String] ?? []
            #expect(reasons.isEmpty == false, "the words that pushed the first up")
            #expect(reasons.allSatisfy { !ClaimText.commonSyllables.contains(ClaimText.folded($0)) }, "not the words every text uses: \(reasons)")
            let heldLabels = Dictionary(uniqueKeysWithValues: held.map { ($0["text"] as? String ?? "", $0["label"] as? Int ?? 0) })
            let top = queue.prefix(10).compactMap { heldLabels[$0["title"] as? String ?? ""] }
            #expect(top.filter { $0 == 1 }.count >= 7, "the top of the queue is mostly unreliable: \(top)")

            let again = try await server.withDatabase { try await MisinformationTraining(database: $0, clock: server.clock.wallClock).train() }
            #expect(again.modelID == 2 && again.samples >= 200, "the command line trains the same way (held posts that joined decided claims count too)")

            func trainIfDecidedSince() async throws -> Int64? {
                try await server.withDatabase { database in
                    let audit = AuditRecorder(log: AuditLogRepository(database: database), clock: server.clock.wallClock)
                    return try await ClassifierService(models: ClassifierModelRepository(database: database), state: ClassifierState(), audit: audit, clock: server.clock.wallClock)
                        .trainIfDecidedSince()?.id
                }
            }
            #expect(try await trainIfDecidedSince() == nil, "nothing decided since the newest model: the night's schedule does not train")
            let waiting = try #require(queue.first?["id"] as? Int)
            #expect(try await admin.send(.patch, "/api/v1/misinformation/claims/\(waiting)", json: ["status": "false"]).status == .ok)
            #expect(try await trainIfDecidedSince() == 3, "a claim decided since: it trains")
        }
    }
}
