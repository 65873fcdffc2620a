/// The misinformation desk's settings: how many tips one address may send, the platforms
/// takedown requests go to with the hours each has to act, the law requests rest on by default,
/// how long spreader accounts and unanswered tippers' phones are kept, and when the classifier
/// retrains.
public struct MisinformationSettings: Sendable, Equatable {
    /// A platform the desk asks to take posts down, and the hours it has to act once asked.
    public struct Platform: Sendable, Equatable {
        public var name: String
        public var slaHours: Int

        public init(name: String, slaHours: Int) {
            self.name = name
            self.slaHours = slaHours
        }
    }

    /// Tips one address may send in an hour (across instances).
    public var tipsPerAddressPerHour = 30
    /// Takedown platforms, in the order pages list them.
    public var platforms = [
        Platform(name: "facebook", slaHours: 24), Platform(name: "youtube", slaHours: 24), Platform(name: "tiktok", slaHours: 24),
        Platform(name: "zalo", slaHours: 24), Platform(name: "other", slaHours: 72),
    ]
    /// The legal basis a takedown request names unless the officer writes another.
    public var defaultLegalBasis = "Nghị định 15/2020/NĐ-CP, Điều 101"
    /// Days a spreader account is kept after its last link or decision.
    public var spreaderRetentionDays = 365
    /// Days a tipper's phone is kept while the claim waits for its verdict.
    public var tipPhoneDays = 90
    /// The hour (Vietnam time) the classifier retrains when the desk decided claims since.
    public var trainingHour = 2

    public init() {}

    /// The platform named `name`.
    public func platform(named name: String) -> Platform? {
        platforms.first { $0.name == name }
    }

    /// Reads `facebook=24,youtube=24,tiktok=24` (names of lower-case letters, digits and dashes,
    /// hours 1 to 720); nil when a part is not `NAME=HOURS` or a name repeats.
    public static func parsePlatforms(_ text: String) -> [Platform]? {
        var platforms: [Platform] = []
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let hours = Int(pair[1]), (1...720).contains(hours), !pair[0].isEmpty, pair[0].count <= 30,
                pair[0].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }), !platforms.contains(where: { $0.name == pair[0] })
            else { return nil }
            platforms.append(Platform(name: pair[0], slaHours: hours))
        }
        return platforms.isEmpty ? nil : platforms
    }

    func problems() -> [String] {
        var problems: [String] = []
        if !(1...10_000).contains(tipsPerAddressPerHour) { problems.append("tips per address must be 1 to 10000 an hour") }
        if platforms.isEmpty { problems.append("the desk needs at least one takedown platform") }
        if defaultLegalBasis.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("the default legal basis of takedowns is empty") }
        if !(30...3650).contains(spreaderRetentionDays) { problems.append("spreader accounts must be kept 30 to 3650 days") }
        if !(1...365).contains(tipPhoneDays) { problems.append("tippers' phones must be kept 1 to 365 days") }
        if !(0...23).contains(trainingHour) { problems.append("the training hour must be 0 to 23") }
        return problems
    }
}
