import Foundation
import Testing

@Suite struct OtherCommandTests {
    @Test func explainPrintsThePlanInThreeFormats() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let text = try sluice.run("explain", "examples/quickstart.json")
        #expect(text.status == 0)
        #expect(text.stdout.contains("[1] extract fromFile as 'orders'"))
        #expect(text.stdout.contains("[2] load toFile <- 'orders'"))
        #expect(text.stdout.contains("Scan csv examples/data/orders.csv"))
        let dot = try sluice.run("explain", "examples/quickstart.json", "--format", "dot")
        #expect(dot.stdout.hasPrefix("digraph \"quickstart\""))
        #expect(dot.stdout.contains("s0 -> s1;") && dot.stdout.contains("s0 -> s2;"))
        let mermaid = try sluice.run("explain", "examples/quickstart.json", "--format", "mermaid")
        #expect(mermaid.stdout.hasPrefix("flowchart LR"))
        #expect(!FileManager.default.fileExists(atPath: sluice.path("out")), "explain touches no data")
    }

    @Test func methodsListsAndDescribesFromTheRegistry() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let list = try sluice.run("methods")
        #expect(list.status == 0)
        #expect(list.stdout.contains("fromFile") && list.stdout.contains("toFile"))
        let one = try sluice.run("methods", "toFile")
        #expect(one.status == 0)
        #expect(one.stdout.contains("mode") && one.stdout.contains("default \"errorIfExists\""))
        let unknown = try sluice.run("methods", "toFiles")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'toFile'?"))
    }

    @Test func usageErrorsExitTwo() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        #expect(try sluice.run("run").status == 2, "missing file argument")
        #expect(try sluice.run("run", "examples/quickstart.json", "--bogus").status == 2)
        #expect(try sluice.run("run", "examples/quickstart.json", "--var", "novalue").status == 2)
        #expect(try sluice.run("frobnicate").status == 2)
        #expect(try sluice.run("--help").status == 0)
    }
}
