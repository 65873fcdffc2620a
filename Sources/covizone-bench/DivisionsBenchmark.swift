import ArgumentParser
import CovizoneCore
import Foundation

/// Loading the bundled administrative divisions (done once at start) and looking up ward codes.
struct DivisionsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "divisions", abstract: "Division loading and ward look-ups.")

    @Option(help: "Ward look-ups.") var lookups = 1_000_000

    func run() async throws {
        let loadStarted = ContinuousClock.now
        let divisions = try AdministrativeDivisions.bundled()
        print("load 34 provinces and \(divisions.wardCount) wards: \(ContinuousClock.now - loadStarted)")
        let codes = divisions.provinces.flatMap { divisions.wards(inProvince: $0.code) ?? [] }.map(\.code)
        let started = ContinuousClock.now
        var hits = 0
        for index in 0..<lookups where divisions.ward(code: codes[index % codes.count]) != nil {
            hits += 1
        }
        precondition(hits == lookups)
        report("ward look-ups", operations: lookups, elapsed: ContinuousClock.now - started)
    }
}
