import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation
import OfficialInformation

/// The demo's misinformation desk, built through the services: Hà Nội's monitoring imports 90
/// posts over the thirteen days before today while citizens send tips; the province decides the
/// earlier days' claims (the false ones published), the classifier is trained on those verdicts,
/// and the last day's posts wait in the ranked queue; three takedown requests (one removed, one
/// overdue, one drafted) and a spreader account with a warning. Built once.
struct DemoMisinformation: Sendable {
    struct Post: Decodable {
        var platform: String
        var url: String
        var author: String
        var text: String
        var likes: Int
        var comments: Int
        var shares: Int
        var label: Int
    }

    static let verdicts = [
        "Không có cơ sở khoa học. Bộ Y tế khẳng định chỉ vắc xin và các biện pháp 5K giúp phòng bệnh; không tự chữa bằng mẹo dân gian.",
        "Thông tin bịa đặt. Không có văn bản nào của cơ quan nhà nước như bài viết nêu; xem thông báo chính thức tại trang của Bộ Y tế.",
        "Sai sự thật. Số liệu trong bài không khớp với số liệu Bộ Y tế công bố hằng ngày.",
    ]
    static let tips = [
        "Nghe nói uống nước chanh nóng mỗi sáng là không bị nhiễm covid, có đúng không?", "Có tin nhắn nói Hà Nội sắp phong toả toàn thành phố, thật không ạ",
        "Clip trên tiktok bảo vắc xin có chip theo dõi", "tin nhắn mời nhận tiền hỗ trợ covid qua đường link lạ", "Người ta chia sẻ là xông lá bưởi diệt được virus",
    ]

    let desk: MisinformationDomain
    let actors: DemoActors
    let time: DemoTime

    /// Builds the desk's days up to the day before `today` unless it holds a claim already: each
    /// day's posts at 08:30, tips at noon, the earlier days' claims decided at 16:00; the model
    /// trained two days before today (so the last day's posts arrive scored); takedowns in the last days.
    func buildIfMissing(today: Int) async throws {
        guard try await desk.claims.list(statuses: nil, by: actors.ministry, beforeID: nil, limit: 1).isEmpty else { return }
        let url = ServerResources.directory.appendingPathComponent("Demo/misinformation-posts.jsonl")
        let posts = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try JSONDecoder().decode(Post.self, from: Data($0.utf8)) }
        let batches = stride(from: 0, to: posts.count, by: 7).map { Array(posts[$0..<min($0 + 7, posts.count)]) }
        let firstDay = today - batches.count
        let labels = Dictionary(uniqueKeysWithValues: posts.map { ($0.url, $0.label) })
        var requests: [TakedownRecord] = []
        for (index, batch) in batches.enumerated() {
            let day = firstDay + index
            try await importPosts(batch, on: day)
            try await sendTips(on: day, index: index)
            time.set(day: day, hour: 16)
            try await decide(firstSeenBefore: VietnamDay.start(ofNumber: day), labels: labels)
            switch today - day {
            case 3: requests = try await requestTakedowns()
            case 2:
                time.set(day: day, hour: 17)
                _ = try await desk.classifier.train(by: actors.province.user.username, caller: actors.caller(actors.province))
                if let removed = requests.first { try await close(removed) }
            default: break
            }
        }
    }

    private func importPosts(_ batch: [Post], on day: Int) async throws {
        time.set(day: day, hour: 8, minute: 30)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let lines = try batch.map { String(decoding: try encoder.encode(ImportedPost($0, postedAt: time.clock.now - 3600)), as: UTF8.self) }
        let province = actors.province
        _ = try await desk.posts.run(lines.joined(separator: "\n"), format: .jsonLines, provinceCode: province.user.provinceCode, caller: actors.caller(province))
    }

    private func sendTips(on day: Int, index: Int) async throws {
        for (offset, tip) in Self.tips.enumerated() where (index + offset) % 3 == 0 {
            time.set(day: day, hour: 12 + offset)
            _ = try await desk.tips.submit(.init(text: tip, provinceCode: "01"), channel: "web", from: "demo-\(index)-\(offset)")
        }
    }

    /// Decides the claims waiting since before `firstSeenBefore`: false (published, with a verdict) or true, as the posts' labels say.
    private func decide(firstSeenBefore: Date, labels: [String: Int]) async throws {
        let province = actors.province
        for ranked in try await desk.claims.queue(by: province, offset: 0, limit: 100) where ranked.claim.firstSeenAt < firstSeenBefore {
            let claim = ranked.claim
            let votes = try await desk.claims.detail(id: claim.id, by: province, caller: actors.caller(province)).items.compactMap { $0.url.flatMap { labels[$0] } }
            guard !votes.isEmpty else { continue }
            let unreliable = votes.filter { $0 == 1 }.count * 2 >= votes.count
            var patch = ClaimPatch(status: unreliable ? .false : .true, provinceCode: .some(province.user.provinceCode))
            if unreliable {
                patch.verdict = BilingualText(vi: Self.verdicts[Int(claim.id) % Self.verdicts.count])
                patch.sourceUrl = .some("https://moh.gov.vn/")
                patch.publish = true
            }
            _ = try await desk.claims.update(id: claim.id, patch, by: province, caller: actors.caller(province))
        }
    }

    /// Two requests sent (one will be removed, the other runs overdue) and one drafted, on published false claims' posts.
    private func requestTakedowns() async throws -> [TakedownRecord] {
        let province = actors.province
        var requests: [TakedownRecord] = []
        for claim in try await desk.claims.published(beforeID: nil, limit: 30) where requests.count < 3 {
            let items = try await desk.claims.detail(id: claim.id, by: province, caller: actors.caller(province)).items
            guard let platform = items.first(where: { $0.kind == .post && $0.url != nil })?.platform else { continue }
            var request = try await desk.takedowns.create(.init(claimId: claim.id, platform: platform), by: province, caller: actors.caller(province))
            if requests.count < 2 { request = try await desk.takedowns.advance(id: request.id, .init(action: .send), by: province, caller: actors.caller(province)) }
            requests.append(request)
        }
        return requests
    }

    /// The platform removed the posts; their author gets a warning.
    private func close(_ request: TakedownRecord) async throws {
        let province = actors.province
        _ = try await desk.takedowns.advance(id: request.id, .init(action: .close, outcome: .removed), by: province, caller: actors.caller(province))
        guard let post = try await desk.claims.detail(id: request.claimID, by: province, caller: actors.caller(province)).items.first(where: { $0.kind == .post }) else { return }
        let link = SpreaderService.Link(platform: request.platform, handle: post.author ?? "an-danh", claimId: request.claimID, itemId: post.id)
        let account = try await desk.spreaders.link(link, by: province, caller: actors.caller(province))
        let warning = SpreaderService.Decision(kind: .warning, basis: "Nghị định 15/2020/NĐ-CP, Điều 101", note: "Nhắc nhở lần đầu")
        _ = try await desk.spreaders.decide(accountID: account.id, warning, by: province, caller: actors.caller(province))
    }

    /// A post as the import reads it.
    private struct ImportedPost: Encodable {
        var platform, url, author, text: String
        var likes, comments, shares: Int
        var postedAt: String

        init(_ post: Post, postedAt: Date) {
            (platform, url, author, text) = (post.platform, post.url, post.author, post.text)
            (likes, comments, shares) = (post.likes, post.comments, post.shares)
            self.postedAt = postedAt.formatted(.iso8601)
        }
    }
}
