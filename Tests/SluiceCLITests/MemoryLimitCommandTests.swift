import Foundation
import Testing

/// `sluice run --memory-limit`: a sort larger than the limit spills and still orders every row.
@Suite struct MemoryLimitCommandTests {
    @Test func aSortBeyondTheMemoryLimitSpillsAndStillOrdersEveryRow() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let rows = (0..<40_000).map { i in "\(i),key \((i * 7919) % 1000),\(Double((i * 31) % 977) / 4)" }
        try sluice.write("in.csv", "id,key,amount\n" + rows.joined(separator: "\n") + "\n")
        try sluice.write("p.json", """
            {"name": "big_sort", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["key", "amount DESC", "id"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json", "--memory-limit", "256KB")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try sluice.read("out/part-00000.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(lines.count == 40_000)
        let keys = lines.map { (String($0[1]), -Double($0[2])!, Int($0[0])!) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { a, b in a.0 < b.0 || (a.0 == b.0 && (a.1 < b.1 || (a.1 == b.1 && a.2 < b.2))) })
    }

    @Test func aMemoryLimitThatIsNotASizeIsAUsageError() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", #"{"name": "x", "steps": []}"#)
        let result = try sluice.run("run", "p.json", "--memory-limit", "lots")
        #expect(result.status == 64 || result.status == 2, "\(result.status)")
        #expect(result.stderr.contains("--memory-limit expects a size"), "\(result.stderr)")
    }
}
