/// The model of a questionnaire form: the traveller's entry form, or a household member's
/// health update (with whose it is). Nothing typed is lost when answers need fixing.
struct DeclarationFormPage: Sendable {
    var sections: [QuestionnaireForm.FormSection]
    var hasErrors: Bool
    var memberId: Int64?
    var memberName: String?

    init(form: QuestionnaireForm, fields: [String: [String]], problems: [String: String], member: (id: Int64, name: String)? = nil) {
        sections = form.sections(fields: fields, problems: problems)
        hasErrors = !problems.isEmpty
        memberId = member?.id
        memberName = member?.name
    }
}
