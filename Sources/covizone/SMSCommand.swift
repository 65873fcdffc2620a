import ArgumentParser
import CovizoneCore
import Messaging

/// `covizone sms count "TEXT" [--no-diacritics]`: how a text goes out as SMS.
struct SMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sms", abstract: "SMS text tools.", subcommands: [Count.self])

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a text's encoding, parts and length: encoding=GSM7|UCS2 parts=N chars=N.",
            discussion: "chars counts septets for GSM7 (extension characters count two) and UTF-16 units for UCS2."
        )

        @Argument(help: "The message text.")
        var text: String

        @Flag(name: .customLong("no-diacritics"), help: "Write Vietnamese without diacritics (Đ/đ as D/d) first.")
        var noDiacritics = false

        func run() {
            let message = SMSMessage(noDiacritics ? VietnameseText.withoutDiacritics(text) : text)
            print("encoding=\(message.encoding.rawValue) parts=\(message.partCount) chars=\(message.length)")
        }
    }
}
