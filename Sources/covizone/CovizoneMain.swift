import ArgumentParser
import Foundation

/// Runs the `covizone` command. Errors print one line, `covizone: <reason>`, and exit non-zero.
@main
enum CovizoneMain {
    static func main() async {
        do {
            var command = try Covizone.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            exit(code.rawValue)  // the command has said what it had to say
        } catch {
            let code = Covizone.exitCode(for: error)
            if code == .success {
                print(Covizone.fullMessage(for: error))
                exit(0)
            }
            let reason = Covizone.message(for: error).split(separator: "\n").first.map(String.init) ?? "failed"
            FileHandle.standardError.write(Data("covizone: \(reason)\n".utf8))
            exit(code.rawValue)
        }
    }
}

/// The root command and its subcommands.
struct Covizone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covizone",
        abstract: "Covizone: an open-source epidemic-response platform.",
        subcommands: [ServeCommand.self, DemoCommand.self, MigrateCommand.self, UserCommand.self, ExposureCommand.self, SMSCommand.self, MisinformationCommand.self]
    )
}
