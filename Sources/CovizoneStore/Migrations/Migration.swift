import SQLKit

/// One step of the schema, applied once and never edited after it has shipped.
/// The same steps run on SQLite and PostgreSQL: use SQLKit's builders and portable types.
public protocol Migration: Sendable {
    /// Position in ``Migrations/all``, starting at 1 and without gaps.
    var version: Int { get }
    /// A short name recorded with the version.
    var name: String { get }
    func prepare(on sql: any SQLDatabase) async throws
}

/// Every migration, in order. Append new ones at the end; never reorder or change shipped ones.
public enum Migrations {
    public static let all: [any Migration] = [
        CreateUsers(),
        CreateSessions(),
        CreateAuditLog(),
        CreateLoginFailures(),
        CreateExposureUploadCodes(),
        CreateExposureKeyServer(),
        CreateVenues(),
        CreateVisits(),
        CreateOutbreaks(),
        StaffCheckInsAndOutbreakBuffers(),
        CreateDeclarations(),
        CreateDeclarationFollowUps(),
        CreateHouseholds(),
        CreateCampaigns(),
        OutboundQueueIndexes(),
        AudienceDeletion(),
        StagedImports(),
        RenameLoginFailuresToAttempts(),
        CreateDemoDays(),
        AccountDetailsAndInvitations(),
        CreateSafetyMap(),
        CreateOrgUnits(),
        CreateReportingRounds(),
        CreateOfficialInformation(),
        CreateMisinformationDesk(),
        CreateHealthDataExchange(),
        CreateMachineClients(),
        CreateHealthCaseMerges(),
        DeclarationPhoneDigests(),
    ]
}
