import Foundation

extension CaseSubmission {
    /// What the submission says happened to the person of entry `subject`, oldest first: a
    /// diagnosis suspects, confirms or clears; a positive PCR confirms, a positive rapid test
    /// suspects, a negative PCR clears a suspicion; a stay admits, isolates, discharges (recovered)
    /// or transfers; a death closes the case. A diagnosis that gives no time counts from `reportedAt`.
    public func events(of subject: Subject, reportedAt: Date) -> [(event: CaseEvent, at: Date)] {
        var events: [(event: CaseEvent, at: Date)] = []
        for diagnosis in diagnoses where diagnosis.subject == subject {
            let at = diagnosis.recorded ?? diagnosis.onset ?? reportedAt
            switch diagnosis.verification {
            case .suspected: events.append((.suspected, at))
            case .confirmed: events.append((.confirmed, at))
            case .refuted: events.append((.cleared, at))
            }
            if diagnosis.clinicalStatus == "resolved" { events.append((.recovered, at)) }
        }
        for result in labResults where result.subject == subject {
            switch (result.test, result.result) {
            case (.pcr, .positive): events.append((.confirmed, result.effective))
            case (.rapidAntigen, .positive): events.append((.suspected, result.effective))
            case (.pcr, .negative): events.append((.cleared, result.effective))
            case (.rapidAntigen, .negative), (_, .inconclusive): continue
            }
        }
        for stay in stays where stay.subject == subject {
            switch stay.kind {
            case .admission: events.append((.admitted, stay.start))
            case .isolation: events.append((.isolated, stay.start))
            case .discharge: events.append((.recovered, stay.end ?? stay.start))
            case .transfer: events.append((.transferred, stay.end ?? stay.start))
            }
        }
        if case .entry(let index) = subject, let death = people.first(where: { $0.entry == index })?.deceasedAt { events.append((.deceased, death)) }
        return events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
