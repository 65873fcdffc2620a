import Foundation

extension Data {
    /// `count` random bytes, eight from each draw of `generator` (drawing per byte would cost one
    /// system call per byte with the system generator).
    public static func random<Generator: RandomNumberGenerator>(count: Int, using generator: inout Generator) -> Data {
        var data = Data(capacity: count + 8)
        while data.count < count {
            Swift.withUnsafeBytes(of: generator.next()) { data.append(contentsOf: $0) }
        }
        return data.prefix(count)
    }
}
