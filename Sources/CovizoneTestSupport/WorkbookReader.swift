import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an `.xlsx` back the way a spreadsheet does — unzips it, follows the workbook to its
/// sheets and reads each cell's text or number (inline and shared strings) — so tests check
/// what a user would see, not the writer's own structures.
public struct WorkbookReader {
    /// A sheet's name and its cells by reference (`B7` → `"Phát thanh"`, `C7` → `"12"`).
    public struct Sheet: Sendable {
        public var name: String
        public var cells: [String: String]
    }

    public let sheets: [Sheet]
    /// The part names in the package.
    public let parts: [String]

    public init(data: Data) throws {
        let archive = try Archive(data: data, accessMode: .read)
        var contents: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            contents[entry.path] = bytes
        }
        parts = contents.keys.sorted()
        func part(_ name: String) throws -> Data {
            guard let bytes = contents[name] else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(name) is missing"]) }
            return bytes
        }
        let workbook = try XMLElements(data: try part("xl/workbook.xml"))
        let relationships = try XMLElements(data: try part("xl/_rels/workbook.xml.rels"))
        let targets = Dictionary(relationships.elements.filter { $0.name == "Relationship" }.map { ($0.attributes["Id"] ?? "", $0.attributes["Target"] ?? "") }) { $1 }
        let shared = try contents["xl/sharedStrings.xml"].map { try XMLElements(data: $0).texts(of: "si") } ?? []
        sheets = try workbook.elements.filter { $0.name == "sheet" }.map { sheet in
            let target = targets[sheet.attributes["r:id"] ?? ""] ?? ""
            let cells = try XMLElements(data: try part("xl/" + target)).cells(shared: shared)
            return Sheet(name: sheet.attributes["name"] ?? "", cells: cells)
        }
    }
}

/// A flat reading of an XML document: its elements in order with their attributes and the text
/// directly inside them.
private final class XMLElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        var depth: Int
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, depth: open.count))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    /// The text of each `name` element, its `t` descendants joined.
    func texts(of name: String) -> [String] {
        var texts: [String] = []
        var current: (depth: Int, text: String)?
        for element in elements {
            if let open = current, element.depth <= open.depth {
                texts.append(open.text)
                current = nil
            }
            if element.name == name { current = (element.depth, "") } else if element.name == "t", current != nil { current?.text += element.text }
        }
        if let open = current { texts.append(open.text) }
        return texts
    }

    /// Each `c` cell's shown value by its reference.
    func cells(shared: [String]) -> [String: String] {
        var cells: [String: String] = [:]
        var index = 0
        while index < elements.count {
            let cell = elements[index]
            guard cell.name == "c", let reference = cell.attributes["r"] else {
                index += 1
                continue
            }
            var value = ""
            var next = index + 1
            while next < elements.count, elements[next].depth > cell.depth {
                if elements[next].name == "v" || elements[next].name == "t" { value += elements[next].text }
                next += 1
            }
            if cell.attributes["t"] == "s", let position = Int(value), shared.indices.contains(position) { value = shared[position] }
            cells[reference] = value
            index = next
        }
        return cells
    }
}
