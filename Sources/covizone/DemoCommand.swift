import ArgumentParser
import CovizoneServer

/// `covizone demo`: builds the demo world into the store without serving it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build the demo world (demo accounts, two weeks of data) into the store.",
        discussion: """
            Adds the days the demo lacks, as `serve --demo` does on start. With --reset the store is emptied and built again: \
            refused unless it was built as a demo and holds no account but admin and the demo's.
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Empty the demo store first and build it again from nothing.")
    var reset = false

    func run() async throws {
        var configuration = ServerConfiguration()
        try store.apply(to: &configuration)
        try await buildDemoStore(configuration: configuration, reset: reset)
    }
}
