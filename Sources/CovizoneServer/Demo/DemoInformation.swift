import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// The demo's official information, written through the services: 40 question-and-answer
/// entries (the ministry's, and Hà Nội's by `demo-province`), the synonym groups, 36 health
/// facilities in Hà Nội and Hồ Chí Minh City (Bạch Mai kept by `demo-hospital`), the two
/// cities' hotlines, a few announcements and citizens' questions waiting for an answer.
/// Built once, on the day before today.
struct DemoInformation: Sendable {
    struct Entry: Decodable {
        var question: BilingualText
        var answer: BilingualText
        var shortAnswer: BilingualText?
        var topics: [String]
        var provinceCode: String?
        var source: String
    }

    struct Synonyms: Decodable {
        var groups: [[String]]
    }

    static let hotlines: [HotlineService.Draft] = [
        .init(name: BilingualText(vi: "Đường dây nóng Sở Y tế Hà Nội", en: "Hà Nội Department of Health hotline"), number: "0969082115", provinceCode: "01", free: false, hours: "24/7"),
        .init(name: BilingualText(vi: "Tổng đài 1022 TP. Hồ Chí Minh", en: "Hồ Chí Minh City 1022 switchboard"), number: "1022", provinceCode: "79", free: false, hours: "24/7"),
    ]

    static let announcements: [AnnouncementService.Draft] = [
        .init(
            title: BilingualText(vi: "Tiêm mũi nhắc lại cho người từ 18 tuổi", en: "Booster doses for everyone aged 18 and over"),
            body: BilingualText(
                vi: "Người đã tiêm đủ mũi cơ bản từ 3 tháng trở lên đến trạm y tế phường, xã để tiêm mũi nhắc lại. Mang theo căn cước công dân.",
                en: "People who completed their primary doses at least 3 months ago can get a booster at their ward health station. Bring your citizen ID card."
            ),
            provinceCode: nil, priority: "high", tags: ["ICT_anti_nCoV", "tiem_chung"], validUntil: nil
        ),
        .init(
            title: BilingualText(vi: "Thực hiện 5K khi đi lại dịp cuối năm", en: "Follow 5K when travelling over the year's end"),
            body: BilingualText(vi: "Khẩu trang – Khử khuẩn – Khoảng cách – Không tập trung – Khai báo y tế.", en: "Masks – Disinfection – Distance – No gatherings – Health declaration."),
            provinceCode: nil, priority: "normal", tags: ["ICT_anti_nCoV", "5K"], validUntil: nil
        ),
        .init(
            title: BilingualText(vi: "Hà Nội: điểm xét nghiệm miễn phí cuối tuần", en: "Hà Nội: free testing points this weekend"),
            body: BilingualText(vi: "Các trung tâm y tế quận mở cửa lấy mẫu miễn phí từ 7:00 đến 17:00 thứ Bảy và Chủ nhật.", en: "District health centres take free samples from 7:00 to 17:00 on Saturday and Sunday."),
            provinceCode: "01", priority: "normal", tags: ["xet_nghiem"], validUntil: nil
        ),
        .init(
            title: BilingualText(vi: "TP.HCM: gọi 1022 khi cần hỗ trợ y tế tại nhà", en: "Hồ Chí Minh City: call 1022 for medical help at home"),
            body: BilingualText(vi: "Người mắc COVID-19 điều trị tại nhà gọi tổng đài 1022 để được trạm y tế lưu động hỗ trợ.", en: "People treated at home for COVID-19 call 1022 for the mobile health stations."),
            provinceCode: "79", priority: "urgent", tags: ["ICT_anti_nCoV"], validUntil: nil
        ),
    ]

    static let questions = [
        "Chó mèo có lây Covid cho người không?", "chó mèo có bị lây covid ko", "Thú cưng có lây Covid không ạ",
        "Đi đám cưới ở tỉnh khác có cần xét nghiệm không?", "Trẻ sơ sinh F0 có cần đi viện không", "Mất khứu giác bao lâu thì hết?",
    ]

    let information: InformationDomain
    let users: UserRepository
    let actors: DemoActors
    let time: DemoTime

    /// Writes the demo's information on `day` unless some entry exists already.
    func buildIfMissing(on day: Int) async throws {
        guard try await information.entries.entries.list(provinces: nil, beforeID: nil, limit: 1).isEmpty else { return }
        time.set(day: day, hour: 9)
        let demo = ServerResources.directory.appendingPathComponent("Demo")
        let ministry = actors.ministry, province = actors.province
        let synonyms = try JSONDecoder().decode(Synonyms.self, from: Data(contentsOf: demo.appendingPathComponent("information-synonyms.json")))
        _ = try await information.questions.saveSynonyms(synonyms.groups, by: ministry, caller: actors.caller(ministry))
        for entry in try JSONDecoder().decode([Entry].self, from: Data(contentsOf: demo.appendingPathComponent("information-entries.json"))) {
            let author = entry.provinceCode == province.user.provinceCode ? province : ministry
            let draft = InfoEntryService.Draft(
                question: entry.question, answer: entry.answer, shortAnswer: entry.shortAnswer, topics: entry.topics, provinceCode: entry.provinceCode,
                source: entry.source, validFrom: nil, validUntil: nil, publish: true
            )
            _ = try await information.entries.create(draft, by: author, caller: actors.caller(author))
        }
        let hospital = try await users.find(username: "demo-hospital")
        let facilities = try JSONDecoder().decode([HealthFacilityService.Draft].self, from: Data(contentsOf: demo.appendingPathComponent("information-facilities.json")))
        for var facility in facilities {
            let author = facility.provinceCode == province.user.provinceCode ? province : ministry
            if facility.name.contains("Bạch Mai") { facility.accountId = hospital?.id }
            _ = try await information.facilities.create(facility, by: author, caller: actors.caller(author))
        }
        for hotline in Self.hotlines {
            let author = hotline.provinceCode == province.user.provinceCode ? province : ministry
            _ = try await information.hotlines.add(hotline, by: author, caller: actors.caller(author))
        }
        for (index, announcement) in Self.announcements.enumerated() {
            time.set(day: day, hour: 10 + index)
            let author = announcement.provinceCode == province.user.provinceCode ? province : ministry
            _ = try await information.announcements.create(announcement, by: author, caller: actors.caller(author))
        }
        for (index, question) in Self.questions.enumerated() {
            time.set(day: day, hour: 15, minute: index * 7)
            _ = try await information.questions.ask(question, provinceCode: index % 2 == 0 ? "01" : nil, channel: "web")
        }
    }
}
