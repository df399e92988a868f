import Foundation
import SluiceRuntime
import Testing

@Suite struct MethodDocsTests {
    /// docs/methods.md is generated from the registry; this keeps the two in step.
    @Test func docsMethodsFileMatchesTheRegistry() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/methods.md"), encoding: .utf8)
        #expect(committed == MethodDocs.markdown(.standard) + "\n",
                "docs/methods.md is stale: regenerate it with `swift run sluice methods --format markdown > docs/methods.md`")
    }

    @Test func everyMethodDocumentsEveryKeyAndHasAnExampleThatParses() throws {
        for method in MethodRegistry.standard.methods {
            #expect(!method.summary.isEmpty && !method.details.isEmpty, "\(method.name) needs docs")
            for key in method.keys { #expect(!key.summary.isEmpty, "\(method.name).\(key.name) needs a summary") }
            let example = try JSONSerialization.jsonObject(with: Data(method.example.utf8)) as? [String: Any]
            #expect(example?["method"] as? String == method.name)
            #expect(example?["type"] as? String == method.type.rawValue)
        }
    }

    @Test func textListingGroupsMethodsByType() {
        let index = MethodDocs.index(.standard)
        #expect(index.contains("extract:"))
        #expect(index.contains("fromFile"))
        #expect(index.contains("load:"))
        #expect(index.contains("toFile"))
    }
}
