// swift-tools-version:5.3
// Tools 5.3 on purpose: from 5.5 on an executable's entry point is renamed (`FuzzX_main`), and
// libFuzzer brings its own `main`.
import PackageDescription

// libFuzzer targets for every decoder that takes bytes from outside. Built apart from the main
// package, with the fuzzer's instrumentation (`scripts/fuzz` builds and runs them):
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Each target checks what must hold of any input, not only that nothing traps.
let package = Package(
    name: "covizone-fuzz",
    dependencies: [.package(name: "covizone", path: "..")],
    targets: [
        .target(name: "FuzzSMPP", dependencies: [.product(name: "Messaging", package: "covizone")]),
        .target(name: "FuzzExportArchive", dependencies: [.product(name: "ExposureNotificationExport", package: "covizone")]),
        .target(name: "FuzzVenuePass", dependencies: [.product(name: "VenueCheckIn", package: "covizone")]),
        .target(name: "FuzzPersonalQR", dependencies: [.product(name: "CovizoneCore", package: "covizone")]),
        .target(name: "FuzzCSV", dependencies: [.product(name: "CovizoneCore", package: "covizone")]),
    ]
)
