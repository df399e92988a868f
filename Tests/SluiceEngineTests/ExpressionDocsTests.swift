import Foundation
import SluiceEngine
import Testing

@Suite struct ExpressionDocsTests {
    /// docs/expressions.md lists every function the catalog has, and no other.
    @Test func everyFunctionIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/expressions.md"), encoding: .utf8)
        let section = try #require(docs.range(of: "## Functions")).upperBound
        let tableRows = docs[section...].split(separator: "\n").filter { $0.hasPrefix("| ") }
        let documented = Set(tableRows.flatMap { $0.matches(of: /`([a-z_0-9]+)`/).map { String($0.output.1) } })
        #expect(documented == Set(ExpressionFunctions.names))
    }
}
