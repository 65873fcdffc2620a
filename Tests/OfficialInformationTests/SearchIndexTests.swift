import CovizoneCore
import Foundation
import OfficialInformation
import PropertyBased
import Testing

@Suite("Official information: search")
struct SearchIndexTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A small index of entries that share words, so that ranking has to choose.
    static func index() -> SearchIndex {
        var index = SearchIndex()
        let entries: [(Int64, String, String, String?)] = [
            (1, "Cách ly tại nhà bao nhiêu ngày?", "F0 cách ly tại nhà 7 ngày và xét nghiệm nhanh âm tính thì kết thúc cách ly.", nil),
            (2, "Xét nghiệm ở đâu?", "Người dân xét nghiệm tại trạm y tế phường hoặc các điểm lấy mẫu cố định.", nil),
            (3, "Khi nào cần gọi bác sĩ?", "Gọi ngay khi khó thở hoặc SpO2 dưới 96 %.", nil),
            (4, "Tiêm mũi nhắc lại khi nào?", "Mũi nhắc lại tiêm sau mũi cơ bản ít nhất 3 tháng.", nil),
            (5, "Hà Nội: điểm xét nghiệm miễn phí", "Hà Nội lấy mẫu miễn phí tại các trung tâm y tế quận.", "01"),
            (6, "Thành phố Hồ Chí Minh: điểm xét nghiệm miễn phí", "TP.HCM lấy mẫu miễn phí tại các trạm y tế.", "79"),
            (7, "Người tiếp xúc gần phải làm gì?", "Người tiếp xúc gần tự theo dõi sức khỏe tại nhà 5 ngày.", nil),
        ]
        for (id, question, answer, province) in entries {
            index.insert(SearchDocument(id: id, question: question, answer: answer, topics: [], provinceCode: province, validFrom: nil, validUntil: nil))
        }
        return index
    }

    @Test("text is read without diacritics or case, đ as d, in words of letters and digits")
    func terms() {
        #expect(SearchText.terms("Cách ly TẠI nhà, F0 ở Đà Nẵng?") == ["cach", "ly", "tai", "nha", "f0", "o", "da", "nang"])
        #expect(SearchText.terms("SpO2<96%") == ["spo2", "96"])
        #expect(SearchText.terms(String(repeating: "a", count: 100)) == [String(repeating: "a", count: 40)])
    }

    @Test("reading text letter by letter gives the terms of folding the whole text, composed or decomposed (property-based)")
    func termsAsFolded() async {
        let letters = Array("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÁÀẶỨ ,.?!-–0123456789")
        await propertyCheck(count: 300, input: Gen.element(of: letters).compactMap { $0 }.string(of: 0...120), Gen.bool) { text, decomposed in
            let input = decomposed ? text.decomposedStringWithCanonicalMapping : text
            let reference = VietnameseText.withoutDiacritics(input).lowercased().split { !($0.isLetter || $0.isNumber) }.map { String($0.prefix(40)) }
            #expect(SearchText.terms(input) == reference)
        }
    }

    @Test("a query without diacritics finds the entry with them, best first")
    func withoutDiacritics() {
        let hits = Self.index().search("cach ly tai nha", at: Self.now, limit: 3)
        #expect(hits.first?.id == 1)
        #expect(hits.first.map { $0.coverage > 0.99 } == true)
    }

    @Test("a typo of one letter in a longer word still finds the entry; short syllables are not guessed")
    func typos() {
        let index = Self.index()
        #expect(index.search("xet ngiem o dau", at: Self.now, limit: 1).first?.id == 2)
        #expect(index.search("cahc ly bao nhieu ngay", at: Self.now, limit: 1).first?.id == 1)
        #expect(index.search("nhacs lai", at: Self.now, limit: 1).first?.id == 4)
        #expect(index.search("zz", at: Self.now, limit: 5).isEmpty)
    }

    @Test("word order does not matter; adjacent words in order rank higher")
    func wordOrder() {
        let index = Self.index()
        #expect(index.search("nhà tại cách ly", at: Self.now, limit: 1).first?.id == 1)
        #expect(index.search("bác sĩ gọi khi nào", at: Self.now, limit: 1).first?.id == 3)
    }

    @Test("synonyms: a query in one group's words finds entries in another's")
    func synonyms() {
        let index = Self.index()
        let groups = SynonymGroups([["xét nghiệm", "test"], ["F1", "tiếp xúc gần"]])
        #expect(index.search("test o dau", at: Self.now, limit: 5).isEmpty == false)
        #expect(index.search("test o dau", synonyms: groups, at: Self.now, limit: 1).first?.id == 2)
        #expect(index.search("F1 phai lam gi", synonyms: groups, at: Self.now, limit: 1).first?.id == 7)
        #expect(index.search("F1 phai lam gi", at: Self.now, limit: 1).first?.id != 7 || index.search("F1", at: Self.now, limit: 1).isEmpty)
    }

    @Test("synonym groups are checked: two phrases or more, letters in each, a phrase in one group only")
    func synonymProblems() {
        #expect(SynonymGroups.problems(of: [["xét nghiệm", "test"], ["F0", "ca dương tính"]]).isEmpty)
        #expect(SynonymGroups.problems(of: [["xét nghiệm", "Xet Nghiem"]]).map(\.field) == ["groups[0]"])
        #expect(SynonymGroups.problems(of: [["test", "?!"]]).map(\.field) == ["groups[0]"])
        #expect(SynonymGroups.problems(of: [["test", "xn"], ["TEST", "kiểm tra"]]).map(\.field) == ["groups[1]"])
        #expect(SynonymGroups.problems(of: Array(repeating: ["a", "b"], count: 2_001)).contains { $0.field == "groups" })
    }

    @Test("a province's entries are found with national ones for that province only")
    func provinces() {
        let index = Self.index()
        #expect(index.search("xet nghiem mien phi", province: "01", at: Self.now, limit: 10).map(\.id).contains(6) == false)
        #expect(index.search("xet nghiem mien phi", province: "01", at: Self.now, limit: 1).first?.id == 5)
        #expect(index.search("xet nghiem mien phi", province: "79", at: Self.now, limit: 1).first?.id == 6)
        #expect(Set(index.search("xet nghiem mien phi", at: Self.now, limit: 10).map(\.id)).isSuperset(of: [5, 6, 2]))
    }

    @Test("entries out of force are not found; a replaced entry is found by its new words only; a removed one not at all")
    func changes() {
        var index = Self.index()
        index.insert(SearchDocument(id: 8, question: "Lịch tiêm vắc xin tuần này", answer: "Tiêm tại nhà văn hoá.", topics: ["tiêm chủng"], provinceCode: nil, validFrom: Self.now + 60, validUntil: nil))
        #expect(index.search("lich tiem", at: Self.now, limit: 5).map(\.id).contains(8) == false)
        #expect(index.search("lich tiem", at: Self.now + 61, limit: 1).first?.id == 8)
        index.insert(SearchDocument(id: 2, question: "Lấy mẫu ở đâu?", answer: "Tại trạm y tế.", topics: [], provinceCode: nil, validFrom: nil, validUntil: Self.now))
        #expect(index.search("lay mau", at: Self.now - 1, limit: 1).first?.id == 2)
        #expect(index.search("lay mau", at: Self.now, limit: 5).map(\.id).contains(2) == false, "valid until is exclusive")
        #expect(index.search("xet nghiem", at: Self.now - 1, limit: 5).map(\.id).contains(2) == false)
        index.remove(id: 1)
        #expect(index.search("cach ly tai nha bao nhieu ngay", at: Self.now, limit: 5).map(\.id).contains(1) == false)
        #expect(index.count == 7)
    }

    @Test("coverage is low when only common words match")
    func coverage() {
        let hits = Self.index().search("tại nhà có nuôi chó mèo được không", at: Self.now, limit: 1)
        #expect((hits.first?.coverage ?? 0) < 0.5)
    }
}
