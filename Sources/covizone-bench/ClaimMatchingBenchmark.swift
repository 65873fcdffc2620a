import ArgumentParser
import CovizoneCore
import Foundation
import Misinformation

/// Grouping into claims at a desk's scale: N items in the matcher (posts made by mixing the
/// syllables of the labelled set's posts, a few hundred claims repeated with words added), then
/// the closest claims of M new texts, one at a time, as each tip and post is matched on arrival.
struct ClaimMatchingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claims", abstract: "Add N items to the claim matcher, then match M texts.")

    @Option(help: "Items held by the matcher.") var items = 100_000
    @Option(help: "Texts matched.") var queries = 1_000

    struct Labelled: Decodable {
        var text: String
    }

    func run() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Tests/MisinformationTests/Fixtures/posts-labelled.jsonl")
        let syllables = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
            .map { ClaimText.syllables(try JSONDecoder().decode(Labelled.self, from: Data($0.utf8)).text) }
        var random = SplitMix64(seed: 2020)
        let claims = (0..<max(1, items / 50)).map { _ in
            (0..<Int.random(in: 12...30, using: &random)).map { _ in
                let source = syllables[Int.random(in: 0..<syllables.count, using: &random)]
                return source[Int.random(in: 0..<source.count, using: &random)]
            }
        }
        func repeated(_ claim: Int) -> String {
            var words = claims[claim]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let source = syllables[Int.random(in: 0..<syllables.count, using: &random)]
                words.insert(source[Int.random(in: 0..<source.count, using: &random)], at: Int.random(in: 0...words.count, using: &random))
            }
            return words.joined(separator: " ")
        }
        var matcher = ClaimMatcher()
        var started = ContinuousClock.now
        for item in 0..<items { matcher.add(itemID: Int64(item), claimID: Int64(item % claims.count), text: repeated(item % claims.count)) }
        report("items added", operations: items, elapsed: ContinuousClock.now - started)

        var latencies: [Double] = []
        var joined = 0
        for query in 0..<queries {
            let claim = (query * 7_919) % claims.count
            let text = repeated(claim)
            started = ContinuousClock.now
            let best = matcher.closest(text, limit: 5).first
            latencies.append((ContinuousClock.now - started).timeInterval * 1_000)
            if best?.claimID == Int64(claim), (best?.similarity ?? 0) >= ClaimMatcher.joinThreshold { joined += 1 }
        }
        latencies.sort()
        print(String(format: "match: p50 %.2f ms, p95 %.2f ms, max %.2f ms over %d texts; %d of them joined their own claim", latencies[latencies.count / 2],
                     latencies[latencies.count * 95 / 100], latencies.last ?? 0, queries, joined))
    }
}
