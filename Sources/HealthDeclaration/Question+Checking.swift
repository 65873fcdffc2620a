import CovizoneCore
import Foundation

extension Question {
    /// Longest text answer when the questionnaire sets none.
    static let defaultMaximumLength = 200

    func problem(_ code: String, vi: String, en: String) -> AnswerProblem {
        AnswerProblem(field: id, code: code, message: LocalizedText(vi: vi, en: en))
    }

    private var wrongForm: AnswerProblem { problem("wrong_type", vi: "Câu trả lời không đúng dạng.", en: "This answer has the wrong form.") }

    /// The answer as stored, or what is wrong with it. `accepted` holds the earlier answers.
    func check(_ answer: AnswerValue, accepted: [String: AnswerValue], context: AnswerContext) -> Result<AnswerValue, AnswerProblem> {
        switch (type, answer) {
        case (.text, .text(let text)): checkText(text)
        case (.date, .text(let text)): checkDate(text, accepted: accepted, context: context)
        case (.choice, .text(let value)):
            options?.contains { $0.value == value } == true ? .success(.text(value)) : .failure(notAnOption)
        case (.multiChoice, .list(let values)):
            Set(values).count == values.count && values.allSatisfy { value in options?.contains { $0.value == value } == true }
                ? .success(.list(values)) : .failure(notAnOption)
        case (.yesNo, .flag): .success(answer)
        case (.country, .text(let code)) where !multiple: checkCountries([code]).map { .text($0[0]) }
        case (.country, .list(let codes)) where multiple: checkCountries(codes).map { .list($0) }
        case (.place, .place(let province, let ward)):
            context.placeExists(province, ward)
                ? .success(
                    .place(
                        province: AdministrativeDivisions.canonicalCode(province, digits: 2) ?? province,
                        ward: AdministrativeDivisions.canonicalCode(ward, digits: 5) ?? ward
                    )
                )
                : .failure(problem("unknown_place", vi: "Tỉnh/thành phố và phường/xã không khớp.", en: "This province and ward do not exist together."))
        case (.phone, .text(let text)):
            PhoneNumber(text).map { .success(.text($0.e164)) }
                ?? .failure(problem("invalid_phone", vi: "Số điện thoại Việt Nam không hợp lệ.", en: "This is not a Vietnamese phone number."))
        case (.email, .text(let text)): checkEmail(text)
        default: .failure(wrongForm)
        }
    }

    private var notAnOption: AnswerProblem {
        problem("not_an_option", vi: "Hãy chọn trong các phương án đã cho.", en: "Choose among the options given.")
    }

    private func checkText(_ raw: String) -> Result<AnswerValue, AnswerProblem> {
        let text = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let longest = validation?.maxLength ?? Self.defaultMaximumLength
        if text.count > longest {
            return .failure(problem("too_long", vi: "Tối đa \(longest) ký tự.", en: "At most \(longest) characters."))
        }
        if let shortest = validation?.minLength, text.count < shortest {
            return .failure(problem("too_short", vi: "Cần ít nhất \(shortest) ký tự.", en: "At least \(shortest) characters."))
        }
        switch validation?.format {
        case "travel-document":
            let number = text.filter { !$0.isWhitespace }.uppercased()
            guard PersonalIdentity.isDocumentNumber(number) || Self.isPassportNumber(number) else {
                return .failure(
                    problem(
                        "invalid_document_number", vi: "Số hộ chiếu (5–9 chữ và số) hoặc số CCCD/CMND không hợp lệ.",
                        en: "Give a passport number (5 to 9 letters and digits) or a citizen ID number."
                    )
                )
            }
            return .success(.text(number))
        case "document-number":
            let number = text.filter { !$0.isWhitespace }.uppercased()
            guard PersonalIdentity.isDocumentNumber(number) else {
                return .failure(
                    problem(
                        "invalid_document_number", vi: "Số CCCD/CMND (9 hoặc 12 chữ số) hoặc số hộ chiếu không hợp lệ.",
                        en: "Give a citizen ID (9 or 12 digits) or a passport number."
                    )
                )
            }
            return .success(.text(number))
        case "vehicle-number":
            let number = text.uppercased()
            guard (2...12).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "- .".contains($0)) }) else {
                return .failure(
                    problem("invalid_vehicle_number", vi: "Số hiệu phương tiện chỉ gồm chữ, số và dấu gạch.", en: "Give the flight, train or vehicle number.")
                )
            }
            return .success(.text(number))
        default:
            return .success(.text(text))
        }
    }

    /// A passport number as ICAO 9303 machine-readable zones carry it: up to 9 letters and digits;
    /// at least 5, with a digit among them.
    static func isPassportNumber(_ text: String) -> Bool {
        (5...9).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) } && text.contains(where: \.isNumber)
    }

    private func checkDate(_ text: String, accepted: [String: AnswerValue], context: AnswerContext) -> Result<AnswerValue, AnswerProblem> {
        guard let day = VietnamDay.number(from: text) else {
            return .failure(problem("invalid_date", vi: "Ngày viết theo dạng NNNN-TT-NN (năm-tháng-ngày).", en: "Write dates as YYYY-MM-DD."))
        }
        if validation?.notInFuture == true, day > context.today {
            return .failure(problem("date_in_future", vi: "Ngày không được ở tương lai.", en: "The date cannot be in the future."))
        }
        if let days = validation?.maxDaysAgo, day < context.today - days {
            return .failure(problem("date_too_old", vi: "Ngày không được trước hôm nay quá \(days) ngày.", en: "The date cannot be more than \(days) days ago."))
        }
        if let other = validation?.notBefore, case .text(let otherText)? = accepted[other], let otherDay = VietnamDay.number(from: otherText), day < otherDay {
            return .failure(problem("date_before", vi: "Ngày này không được trước ngày ở câu “\(other)”.", en: "This date cannot be before the one in “\(other)”."))
        }
        if let other = validation?.notAfter, case .text(let otherText)? = accepted[other], let otherDay = VietnamDay.number(from: otherText), day > otherDay {
            return .failure(problem("date_after", vi: "Ngày này không được sau ngày ở câu “\(other)”.", en: "This date cannot be after the one in “\(other)”."))
        }
        return .success(.text(text))
    }

    private func checkCountries(_ codes: [String]) -> Result<[String], AnswerProblem> {
        let countries = codes.map { Country.named($0.trimmingCharacters(in: .whitespaces)) }
        guard countries.allSatisfy({ $0 != nil }), Set(codes.map { $0.uppercased() }).count == codes.count else {
            return .failure(problem("unknown_country", vi: "Mã quốc gia ISO 3166 không hợp lệ.", en: "Give ISO 3166 country codes, such as VN."))
        }
        return .success(countries.compactMap { $0?.code })
    }

    private func checkEmail(_ raw: String) -> Result<AnswerValue, AnswerProblem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !text.contains(where: \.isWhitespace)
        else {
            return .failure(problem("invalid_email", vi: "Địa chỉ thư điện tử không hợp lệ.", en: "This is not an e-mail address."))
        }
        return .success(.text(text))
    }
}
