import Foundation

extension QRCode {
    /// The light border readers need around a symbol, in modules.
    public static let quietZone = 4

    /// An SVG image: one path of dark squares on a white background, `moduleSize` units each,
    /// with the quiet zone. Scales without loss to any print size.
    public func svg(moduleSize: Int = 8) -> String {
        let side = (size + 2 * Self.quietZone) * moduleSize
        var path = ""
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) {
                path += "M\((x + Self.quietZone) * moduleSize) \((y + Self.quietZone) * moduleSize)h\(moduleSize)v\(moduleSize)h-\(moduleSize)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side)" height="\(side)" shape-rendering="crispEdges">\
            <rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    /// A binary PGM (`P5`) greyscale image, `scale` pixels per module, with the quiet zone: the
    /// simplest format image tools and decoders read.
    public func pgm(scale: Int = 4) -> Data {
        let side = (size + 2 * Self.quietZone) * scale
        var data = Data("P5\n\(side) \(side)\n255\n".utf8)
        data.reserveCapacity(data.count + side * side)
        for row in 0..<side {
            let y = row / scale - Self.quietZone
            for column in 0..<side {
                data.append(isDark(x: column / scale - Self.quietZone, y: y) ? 0 : 255)
            }
        }
        return data
    }
}
