import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import Logging

/// `covizone user add|list|set-password`: account administration on a store, also while servers run.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts.",
        subcommands: [Add.self, List.self, SetPassword.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: "Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). province-officer and health-facility need --province; ministry-admin and telecom-operator take none."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "3-64 characters of a-z, 0-9, '.', '_', '-'.") var username: String
        @Option(help: "At least 12 characters; '-' reads it from standard input.") var password: String
        @Option(help: "The account's role.") var role: String
        @Option(help: "Two-digit province code (see GET /api/v1/divisions/provinces).") var province: String?
        @Option(name: .customLong("display-name"), help: "The name people know the account by, up to 200 characters.") var displayName: String?
        @Option(help: "A Vietnamese phone number, e.g. 0912 345 678.") var phone: String?
        @Option(name: .customLong("org-unit"), help: "A reporting unit's organisation unit id.") var orgUnit: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("unknown role \(role); use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let secret = try readPassword(password)
            try await withAccounts(store) { accounts, _ in
                let details = try AccountDetails(displayName: displayName, phone: phone, orgUnitID: orgUnit)
                let user = try await accounts.add(username: username, password: secret, role: role, provinceCode: province, details: details)
                print("Created \(user.username) (\(user.role.rawValue)\(user.provinceCode.map { ", province \($0)" } ?? "")).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts (recorded in the audit log).")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only accounts of this province.") var province: String?

        func run() async throws {
            try await withAccounts(store) { _, database in
                let provinceCode = try province.map { code in
                    guard let known = try AdministrativeDivisions.bundled().province(code: code) else {
                        throw ValidationError("unknown province code \(code)")
                    }
                    return known.code
                }
                let users = try await UserRepository(database: database).list(provinceCode: provinceCode, afterID: nil, limit: Int.max / 2)
                let operatorName = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
                try await AuditLogRepository(database: database).append(
                    AuditEntry(
                        occurredAt: Date(), actorUserID: nil, actor: "cli:\(operatorName)", action: "users.list", subject: "users",
                        provinceCode: provinceCode, detail: "\(users.count) accounts"
                    )
                )
                print("USERNAME".padding(24) + "ROLE".padding(20) + "PROVINCE".padding(10) + "CREATED (UTC)")
                for user in users {
                    print(
                        user.username.padding(24) + user.role.rawValue.padding(20) + (user.provinceCode ?? "-").padding(10)
                            + user.createdAt.formatted(.iso8601)
                    )
                }
            }
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set a new password; the account's sessions and tokens end."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "The account.") var username: String
        @Option(help: "At least 12 characters; '-' reads it from standard input.") var password: String

        func run() async throws {
            let secret = try readPassword(password)
            try await withAccounts(store) { accounts, _ in
                try await accounts.setPassword(username: username, password: secret)
                print("Password of \(username) changed; its sessions were ended.")
            }
        }
    }
}

/// Runs `body` with the accounts of the store `store` points at.
private func withAccounts(
    _ store: StoreOptions, _ body: (AccountAdministration, Database) async throws -> Void
) async throws {
    var configuration = ServerConfiguration()
    try store.apply(to: &configuration, defaultLogLevel: .warning)
    let divisions = try AdministrativeDivisions.bundled()
    try await withStore(configuration, label: "covizone.user") { database, _ in
        let accounts = AccountAdministration(
            database: database, hasher: PasswordHasher(cost: configuration.passwordHashCost), divisions: divisions
        )
        try await body(accounts, database)
    }
}

/// The password given, or a line from standard input for `-`.
private func readPassword(_ given: String) throws -> String {
    guard given == "-" else { return given }
    guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
    return line
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
