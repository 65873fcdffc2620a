// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "covizone",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "CovizoneCore", targets: ["CovizoneCore"]),
        .library(name: "ExposureNotification", targets: ["ExposureNotification"]),
        .library(name: "ExposureNotificationExport", targets: ["ExposureNotificationExport"]),
        .library(name: "QRCode", targets: ["QRCode"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "VenueCheckIn", targets: ["VenueCheckIn"]),
        .library(name: "HealthDeclaration", targets: ["HealthDeclaration"]),
        .library(name: "FacilitySafety", targets: ["FacilitySafety"]),
        .library(name: "CommunicationReporting", targets: ["CommunicationReporting"]),
        .library(name: "OfficialInformation", targets: ["OfficialInformation"]),
        .library(name: "Misinformation", targets: ["Misinformation"]),
        .library(name: "HealthDataExchange", targets: ["HealthDataExchange"]),
        .library(name: "Spreadsheets", targets: ["Spreadsheets"]),
        .library(name: "Messaging", targets: ["Messaging"]),
        .library(name: "SMPPTransport", targets: ["SMPPTransport"]),
        .executable(name: "covizone", targets: ["covizone"]),
        .executable(name: "covizone-bench", targets: ["covizone-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        // Built for HummingbirdTesting anyway: the simulation's HTTP client, and chromedriver in the browser test.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Pure core: Foundation only, embeddable in a phone app.
        .target(
            name: "CovizoneCore",
            exclude: ["Resources/PROVENANCE.md"],
            resources: [
                .copy("Resources/vietnam-divisions.json"), .copy("Resources/vietnam-outline.geojson"), .copy("Resources/vietnam-islands.json"),
            ],
            swiftSettings: strict
        ),
        // Our own QR code encoder (ISO/IEC 18004), Foundation only: posters and personal codes.
        .target(name: "QRCode", swiftSettings: strict),
        // Server-drawn SVG charts (bars, stacked bars, lines), Foundation only: every dashboard's pictures.
        .target(name: "Charts", dependencies: ["CovizoneCore"], swiftSettings: strict),
        // Venue check-in for phones and the server: signed QR passes, venue types (Foundation + swift-crypto).
        .target(
            name: "VenueCheckIn",
            dependencies: ["CovizoneCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "Messaging", dependencies: ["CovizoneCore"], swiftSettings: strict),
        // The SMPP socket client on SwiftNIO, around the session state machine of Messaging.
        .target(
            name: "SMPPTransport",
            dependencies: [
                "Messaging",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "HealthDeclaration",
            dependencies: ["CovizoneCore"],
            resources: [.copy("Questionnaires")],
            swiftSettings: strict
        ),
        // The safety map's rules for phones and the server: checklists as data, scoring, photo stripping.
        .target(
            name: "FacilitySafety",
            dependencies: ["CovizoneCore"],
            exclude: ["Checklists/README.md"],
            resources: [.copy("Checklists")],
            swiftSettings: strict
        ),
        // Communication reporting's rules: the org-unit tree's paths, forms as data, values checked, rounds summed.
        .target(
            name: "CommunicationReporting",
            dependencies: ["CovizoneCore"],
            resources: [.copy("Forms")],
            swiftSettings: strict
        ),
        // Official information's rules: diacritics-insensitive BM25 search with synonyms and typos, nearest facilities, Atom.
        .target(name: "OfficialInformation", dependencies: ["CovizoneCore"], swiftSettings: strict),
        // The misinformation desk's rules: claim texts, near-duplicate claims, the hashed TF-IDF logistic-regression ranker and its honest evaluation.
        .target(name: "Misinformation", dependencies: ["CovizoneCore"], swiftSettings: strict),
        // Data sharing with the health system: FHIR R4 resources, transactions read into cases, person matching.
        .target(name: "HealthDataExchange", dependencies: ["CovizoneCore"], swiftSettings: strict),
        // AES instructions for the matching hot loop (our own code; see docs).
        .target(name: "CExposureCrypto"),
        .target(
            name: "ExposureNotification",
            dependencies: [
                "CovizoneCore",
                "CExposureCrypto",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Key export files: the GAEN protobuf format in a signed zip (embeddable too).
        .target(
            name: "ExposureNotificationExport",
            dependencies: [
                "CovizoneCore",
                "ExposureNotification",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // An agent-based simulation of exposure notification, driving a server through its API.
        .target(
            name: "ExposureSimulation",
            dependencies: ["CovizoneCore", "ExposureNotification", "ExposureNotificationExport"],
            swiftSettings: strict
        ),
        // Adapters.
        .target(
            name: "CovizoneStore",
            dependencies: [
                "CommunicationReporting",
                "ExposureNotification",
                "FacilitySafety",
                "OfficialInformation",
                "Misinformation",
                "HealthDataExchange",
                "HealthDeclaration",
                "VenueCheckIn",
                "CovizoneCore",
                "Messaging",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The campaign engine: claims the outbound queue, sends over SMPP and to HTTP providers,
        // records outcomes, receipts and opt-outs, keeps rounds moving (no Hummingbird).
        .target(
            name: "CampaignDispatch",
            dependencies: [
                "CovizoneCore",
                "CovizoneStore",
                "Messaging",
                "SMPPTransport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Office Open XML workbooks (.xlsx) for exports.
        .target(
            name: "Spreadsheets",
            dependencies: ["CovizoneCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        .target(
            name: "CovizoneServer",
            dependencies: [
                "CampaignDispatch",
                "Spreadsheets",
                "Charts",
                "CovizoneCore",
                "CovizoneStore",
                "ExposureNotification",
                "ExposureNotificationExport",
                "QRCode",
                "VenueCheckIn",
                "FacilitySafety",
                "CommunicationReporting",
                "OfficialInformation",
                "Misinformation",
                "HealthDataExchange",
                "HealthDeclaration",
                "Messaging",
                "SMPPTransport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // Executables.
        .executableTarget(
            name: "covizone",
            dependencies: [
                "CampaignDispatch",
                "ExposureSimulation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                "CovizoneServer",
                "ExposureNotification",
                "ExposureNotificationExport",
                "VenueCheckIn",
                "Messaging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "covizone-bench",
            dependencies: [
                "CampaignDispatch",
                "CovizoneServer",
                "Messaging",
                "SMPPTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "CovizoneStore",
                "OfficialInformation",
                "Misinformation",
                "ExposureNotification",
                "ExposureNotificationExport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ExposureNotificationExportTests",
            dependencies: [
                "ExposureNotificationExport", "ExposureNotification", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures/PROVENANCE.md"],
            resources: [
                .copy("Fixtures/google-en-sample-diagnosis-key-file.zip"), .copy("Fixtures/ens-example-export-2-records.zip"),
                .copy("Fixtures/ens-example-export-keys.json"), .copy("Fixtures/ens-example-export-private.pem"),
                .copy("Fixtures/ens-example-export-public.pem"), .copy("Fixtures/fuzz-deflate-without-end.zip"),
                .copy("Fixtures/fuzz-inflate-past-chunk.zip"),
            ],
            swiftSettings: strict
        ),
        // Test support: temporary stores on every engine the machine offers.
        .target(
            name: "CovizoneTestSupport",
            dependencies: [
                "CampaignDispatch",
                "CovizoneStore",
                "Messaging",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // Tests.
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Charts"],
            resources: [.copy("Snapshots")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QRCodeTests",
            dependencies: ["QRCode", "CovizoneTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VenueCheckInTests",
            dependencies: ["VenueCheckIn", "QRCode", "CovizoneTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OfficialInformationTests",
            dependencies: ["OfficialInformation", "CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MisinformationTests",
            dependencies: ["Misinformation", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures/PROVENANCE.md"],
            resources: [.copy("Fixtures/posts-labelled.jsonl")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HealthDataExchangeTests",
            dependencies: ["HealthDataExchange"],
            exclude: ["Fixtures/PROVENANCE.md"],
            resources: [.copy("Fixtures/transaction-confirmed-case.json")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MessagingTests",
            dependencies: ["Messaging", "CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SMPPTransportTests",
            dependencies: ["SMPPTransport", "Messaging", "CovizoneTestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HealthDeclarationTests",
            dependencies: ["HealthDeclaration", "CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SpreadsheetsTests",
            dependencies: ["Spreadsheets", "CovizoneTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CommunicationReportingTests",
            dependencies: ["CommunicationReporting", "CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FacilitySafetyTests",
            dependencies: ["FacilitySafety", "CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CovizoneCoreTests",
            dependencies: ["CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ExposureNotificationTests",
            dependencies: ["ExposureNotification", "CovizoneCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures/PROVENANCE.md"],
            resources: [.copy("Fixtures/gaen-crypto-test-vectors.json"), .copy("Fixtures/verification-hmac-test-vectors.json")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CovizoneStoreTests",
            dependencies: ["CovizoneStore", "CovizoneTestSupport", "ExposureNotification", "FacilitySafety", "HealthDeclaration", "Messaging", "VenueCheckIn"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CampaignDispatchTests",
            dependencies: ["CampaignDispatch", "CovizoneCore", "CovizoneStore", "CovizoneTestSupport", "Messaging", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CovizoneServerTests",
            dependencies: [
                "CampaignDispatch",
                "ExposureSimulation",
                "CovizoneServer",
                "CovizoneTestSupport",
                "ExposureNotification",
                "FacilitySafety",
                "OfficialInformation",
                "Misinformation",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
