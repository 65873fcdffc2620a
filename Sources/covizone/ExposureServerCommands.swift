import ArgumentParser
import CovizoneServer

/// `covizone exposure export-now`: cuts every export batch that is due, at once.
struct ExportNow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-now",
        abstract: "Run one export cycle now: cut every due batch into signed files. Prints 'exported batches=N files=N keys=N'."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var exposure: ExposureOptions

    func run() async throws {
        var configuration = ServerConfiguration()
        try store.apply(to: &configuration, defaultLogLevel: .warning)
        try exposure.apply(to: &configuration)
        let report = try await withStore(configuration, label: "covizone.exposure") { database, logger in
            try await ExposureKeyring(database: database, exportKeyID: configuration.exposure.exportKeyID).ensureKeys()
            return try await ExposureExporter(database: database, settings: configuration.exposure, logger: logger).runCycle()
        }
        if report.skipped {
            print("skipped: another instance is exporting")
        } else {
            print("exported batches=\(report.batches) files=\(report.files) keys=\(report.keys)")
        }
    }
}

/// `covizone exposure rotate-signing-key`: a new export signing key version.
struct RotateSigningKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-signing-key",
        abstract: "Create a new export signing key version; the current one keeps signing for 7 days. Prints the new public key."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        var configuration = ServerConfiguration()
        try store.apply(to: &configuration, defaultLogLevel: .warning)
        let key = try await withStore(configuration, label: "covizone.exposure") { database, _ in
            let keyring = ExposureKeyring(database: database, exportKeyID: configuration.exposure.exportKeyID)
            try await keyring.ensureKeys()
            return try await keyring.rotateExportKey()
        }
        print("key id=\(key.keyID) version=\(key.keyVersion)")
        print(key.publicKeyPEM)
    }
}
