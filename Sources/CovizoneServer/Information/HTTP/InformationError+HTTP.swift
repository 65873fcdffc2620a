extension InformationError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .entryNotFound(let id): .notFound("No information entry \(id).")
        case .facilityNotFound(let id): .notFound("No health facility \(id).")
        case .hotlineNotFound(let id): .notFound("No hotline \(id).")
        case .announcementNotFound(let id): .notFound("No announcement \(id).")
        case .outsideProvince(let allowed):
            .forbidden("This account writes only for its province \(allowed ?? "-"); national texts are written by the ministry.")
        case .notYourFacility(let id): .forbidden("This account may not change the entry of facility \(id).")
        }
    }
}
