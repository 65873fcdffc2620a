extension DeclarationError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .notFound: .notFound("Declaration")
        case .unknownQuestionnaire(let id): .notFound("Questionnaire \(id)")
        case .invalidAnswers(let problems, let language):
            APIError(
                .unprocessableContent, language == .en ? "Some answers need attention." : "Một số câu trả lời cần sửa.", errors: problems,
                code: "invalid_answers"
            )
        case .outsideProvince(let own): .forbidden("This account reads the worklist of province \(own) only.")
        }
    }
}
