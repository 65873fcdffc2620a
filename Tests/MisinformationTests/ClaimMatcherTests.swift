import Misinformation
import Testing

@Suite("Misinformation: texts grouped into claims")
struct ClaimMatcherTests {
    static func matcher() -> ClaimMatcher {
        var matcher = ClaimMatcher()
        matcher.add(itemID: 1, claimID: 10, text: "Uống nước muối ấm mỗi sáng sẽ diệt được virus corona trong cổ họng")
        matcher.add(itemID: 2, claimID: 20, text: "Vắc xin COVID-19 có gắn chip theo dõi người tiêm")
        matcher.add(itemID: 3, claimID: 30, text: "Hà Nội phong toả toàn thành phố từ 0 giờ ngày mai, cấm mọi người ra đường")
        matcher.add(itemID: 4, claimID: 40, text: "Sóng 5G làm lây lan virus corona nhanh hơn")
        return matcher
    }

    @Test("the same claim without diacritics, reordered, or with words added lands on it; an unrelated text on none", arguments: [
        ("uong nuoc muoi am moi sang se diet duoc virus corona trong co hong", Int64(10)),
        ("virus corona trong cổ họng bị diệt nếu mỗi sáng uống nước muối ấm", Int64(10)),
        ("NÓNG: nghe nói vắc xin COVID-19 có gắn chip để theo dõi người tiêm, mọi người cẩn thận", Int64(20)),
        ("ha noi phong toa toan thanh pho tu 0 gio ngay mai", Int64(30)),
        ("Mỗi sáng uống nước muối ấm là diệt sạch virus corona, chia sẻ cho người thân", Int64(10)),
        ("uong nuoc muoi am diet virus corona that khong?", Int64(10)),
    ])
    func joins(text: String, claim: Int64) {
        let best = Self.matcher().closest(text, limit: 3)
        #expect(best.first?.claimID == claim)
        #expect((best.first?.similarity ?? 0) >= ClaimMatcher.joinThreshold, "\(best)")
    }

    @Test("an unrelated text matches no claim well enough, even one that shares a few words", arguments: [
        "Lịch tiêm mũi nhắc lại tại trạm y tế phường tuần này",
        "Uống nước ấm có giúp phòng bệnh không?",
        "virus corona lây qua đường hô hấp, hãy đeo khẩu trang",
        "virus corona",
    ])
    func unrelated(text: String) {
        let best = Self.matcher().closest(text, limit: 3)
        #expect(best.allSatisfy { $0.similarity < ClaimMatcher.joinThreshold }, "\(best)")
    }

    @Test("similarity lies in 0…1, is 1 for the same text, and merged claims answer as one")
    func bounds() {
        var matcher = Self.matcher()
        let same = matcher.closest("Sóng 5G làm lây lan virus corona nhanh hơn", limit: 1)
        #expect(same.first?.claimID == 40 && abs((same.first?.similarity ?? 0) - 1) < 1e-9)
        matcher.merge(claim: 40, into: 10)
        #expect(matcher.closest("Sóng 5G làm lây lan virus corona nhanh hơn", limit: 5).map(\.claimID).contains(40) == false)
        matcher.remove(itemID: 4)
        #expect(matcher.count == 3)
    }
}
