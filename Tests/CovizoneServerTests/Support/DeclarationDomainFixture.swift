@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HealthDeclaration
import Logging

/// The declaration domain's services over a migrated store, as the composition root wires them:
/// no server, no HTTP. One-time codes land in the store's text outbox, where a test reads them.
struct DeclarationDomainFixture {
    let accounts: VenueDomainFixture
    let domain: DeclarationDomain
    let texts: TextMessageRepository

    /// Runs `body` with the declaration domain over a new store on `engine`.
    static func run(engine: TestEngine, _ body: (DeclarationDomainFixture) async throws -> Void) async throws {
        try await VenueDomainFixture.run(engine: engine) { accounts in
            let texts = TextMessageRepository(database: accounts.database)
            let domain = DeclarationDomain(
                database: accounts.database, questionnaires: try QuestionnaireCatalog.bundled(),
                audit: AuditRecorder(log: accounts.audit, clock: accounts.clock.wallClock),
                textMessages: TextMessageOutbox(messages: texts, logger: Logger(label: "test"), writesToLog: false),
                divisions: try AdministrativeDivisions.bundled(), clock: accounts.clock.wallClock, publicHost: "covizone.test",
                codeLimits: .init(perName: 100, perNameAndAddress: 10)
            )
            try await body(DeclarationDomainFixture(accounts: accounts, domain: domain, texts: texts))
        }
    }

    /// The six digits of the newest one-time code texted to `phone`.
    func lastCode(to phone: String) async throws -> String {
        let body = try await texts.messages(to: phone, limit: 1).first?.body ?? ""
        return String(body.filter(\.isNumber).prefix(6))
    }
}
