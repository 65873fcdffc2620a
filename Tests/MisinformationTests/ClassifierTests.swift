import Foundation
import Misinformation
import PropertyBased
import Testing

@Suite("Misinformation: text, features and the classifier")
struct ClassifierTests {
    struct LabelledPost: Decodable {
        var id: Int
        var platform: String
        var text: String
        var likes: Int
        var comments: Int
        var shares: Int
        var label: Int
    }

    static func labelled() throws -> [LabelledPost] {
        let url = try #require(Bundle.module.url(forResource: "posts-labelled", withExtension: "jsonl"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try JSONDecoder().decode(LabelledPost.self, from: Data($0.utf8)) }
    }

    @Test("syllables keep their diacritics and đ; folding takes them away")
    func text() {
        #expect(ClaimText.syllables("Vắc-xin ĐỘC hại!!! đi/di") == ["vắc", "xin", "độc", "hại", "đi", "di"])
        #expect(ClaimText.syllables("Vắc-xin".decomposedStringWithCanonicalMapping) == ["vắc", "xin"])
        #expect(ClaimText.folded("độc") == "doc" && ClaimText.folded("đi") == "di")
    }

    @Test("feature hashing is FNV-1a, the same on every run and machine")
    func hashing() {
        let hashing = FeatureHashing(bits: 18)
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c.
        #expect(hashing.slot(of: "a").index == Int(UInt64(0xaf63_dc4c_8601_ec8c) & 0x3FFFF))
        #expect(hashing.slot(of: "a").sign == -1)
        #expect(hashing.slot(of: "w:vắc") == hashing.slot(of: "w:vắc"))
        let features = PostFeatures(hashing: hashing)
        let text = "KHẨN CẤP!!! Vắc-xin có gắn chip, đi tiêm là bị theo dõi"
        let whole = features.terms(of: text).map { hashing.slot(of: $0) }
        #expect(features.slots(of: text).map(\.index) == whole.map(\.index), "hashed in parts or whole, the same slots")
        #expect(features.slots(of: text).map(\.sign) == whole.map(\.sign))
    }

    @Test("ROC-AUC equals the share of (unreliable, reliable) pairs ranked right, ties half (property-based)")
    func auc() async {
        #expect(ModelEvaluation.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1]) == 0.75)
        #expect(ModelEvaluation.rocAUC(scores: [0.5, 0.5], labels: [0, 1]) == 0.5)
        #expect(ModelEvaluation.rocAUC(scores: [0.1], labels: [1]) == nil)
        await propertyCheck(count: 200, input: Gen.int(in: 0...4).array(of: 2...30), Gen.int(in: 0...1).array(of: 2...30)) { buckets, labels in
            let count = min(buckets.count, labels.count)
            let scores = buckets.prefix(count).map(Float.init), labels = Array(labels.prefix(count))
            guard let auc = ModelEvaluation.rocAUC(scores: scores, labels: labels) else {
                #expect(Set(labels).count < 2)
                return
            }
            var right = 0.0, pairs = 0.0
            for positive in labels.indices where labels[positive] == 1 {
                for negative in labels.indices where labels[negative] == 0 {
                    pairs += 1
                    right += scores[positive] > scores[negative] ? 1 : scores[positive] == scores[negative] ? 0.5 : 0
                }
            }
            #expect(abs(auc - right / pairs) < 1e-9)
        }
    }

    @Test("the classifier learns from the labelled set: cross-validated ROC-AUC at least 0.8 on 240 posts, 5 folds")
    func crossValidated() throws {
        let posts = try Self.labelled()
        #expect(posts.count == 240 && posts.filter { $0.label == 1 }.count == 120)
        let samples = posts.map { PostSample(text: $0.text, likes: $0.likes, comments: $0.comments, shares: $0.shares) }
        let evaluation = try #require(MisinformationClassifier.crossValidate(samples, labels: posts.map(\.label), folds: 5))
        #expect(evaluation.auc >= 0.8, "AUC \(evaluation.auc), precision \(evaluation.precision), recall \(evaluation.recall)")
        #expect(evaluation.samples == 240 && evaluation.folds == 5)
    }

    @Test("with labels shuffled the cross-validated AUC is near chance: the folds never see what they score")
    func noLeak() throws {
        let posts = try Self.labelled()
        var random = SystemRandomNumberGenerator()
        let shuffled = posts.map(\.label).shuffled(using: &random)
        let samples = posts.map { PostSample(text: $0.text, likes: $0.likes, comments: $0.comments, shares: $0.shares) }
        let evaluation = try #require(MisinformationClassifier.crossValidate(samples, labels: shuffled, folds: 5))
        #expect(evaluation.auc < 0.72, "AUC \(evaluation.auc) with random labels")
    }

    @Test("trained on everything, a fake cure scores above an official announcement, and its words say why")
    func ranking() throws {
        let posts = try Self.labelled()
        let classifier = MisinformationClassifier.train(
            posts.map { PostSample(text: $0.text, likes: $0.likes, comments: $0.comments, shares: $0.shares) }, labels: posts.map(\.label)
        )
        let rumour = PostSample(text: "KHẨN CẤP!!! Uống nước muối ấm mỗi sáng diệt sạch virus corona, bác sĩ giấu không nói, chia sẻ ngay!!!", likes: 100, shares: 900)
        let official = PostSample(text: "Theo Bộ Y tế, người dân cần đeo khẩu trang nơi công cộng và gọi đường dây nóng 19009095 khi có triệu chứng.", likes: 300, shares: 40)
        #expect(classifier.score(rumour) > classifier.score(official))
        #expect(classifier.score(rumour) > 0.5 && classifier.score(official) < 0.5)
        #expect(!classifier.reasons(for: rumour).isEmpty)
    }
}

@Suite("A classifier kept as bytes")
struct ClassifierEncodingTests {
    @Test("a classifier read back from its bytes scores every post exactly as before, and is much smaller than its vector")
    func roundTrip() throws {
        let posts = try ClassifierTests.labelled()
        let samples = posts.map { PostSample(text: $0.text, likes: $0.likes, comments: $0.comments, shares: $0.shares) }
        let classifier = MisinformationClassifier.train(samples, labels: posts.map(\.label))
        let bytes = classifier.encoded()
        let decoded = try MisinformationClassifier(encoded: bytes)
        #expect(samples.map(decoded.score) == samples.map(classifier.score))
        #expect(decoded.reasons(for: samples[0]) == classifier.reasons(for: samples[0]))
        #expect(bytes.count < classifier.features.hashing.dimension)
    }

    @Test("bytes that are not a classifier, cut short or with an index outside the vector are refused", arguments: [0, 3, 11, 24])
    func refused(cutAt length: Int) throws {
        let posts = try ClassifierTests.labelled()
        let classifier = MisinformationClassifier.train(posts.prefix(20).map { PostSample(text: $0.text) }, labels: posts.prefix(20).map(\.label))
        #expect(throws: MisinformationClassifier.DecodingError.self) { try MisinformationClassifier(encoded: classifier.encoded().prefix(length)) }
        var outside = classifier.encoded()
        outside.replaceSubrange(24..<28, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: MisinformationClassifier.DecodingError.self) { try MisinformationClassifier(encoded: outside) }
    }
}

@Suite("Cross-validation by claim")
struct GroupedCrossValidationTests {
    @Test("copies of one post share a fold: with random labels, folds by claim stay near chance where folds by row would leak")
    func copiesShareAFold() throws {
        let posts = try ClassifierTests.labelled()
        let labels = posts.indices.map { ($0 * 7_919 + $0 / 3) % 13 % 2 }  // unrelated to the texts
        let samples = posts.flatMap { post in Array(repeating: PostSample(text: post.text), count: 3) }
        let copiedLabels = labels.flatMap { Array(repeating: $0, count: 3) }
        let claims = posts.indices.flatMap { Array(repeating: Int64($0), count: 3) }
        let byRow = try #require(MisinformationClassifier.crossValidate(samples, labels: copiedLabels, folds: 5))
        let byClaim = try #require(MisinformationClassifier.crossValidate(samples, labels: copiedLabels, groups: claims, folds: 5))
        #expect(byRow.auc > 0.8, "rows: \(byRow.auc)")
        #expect(byClaim.auc < 0.72, "claims: \(byClaim.auc)")
    }
}
