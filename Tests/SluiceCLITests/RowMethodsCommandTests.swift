import Foundation
import Testing

@Suite struct RowMethodsCommandTests {
    @Test func unionDeduplicateSortAndLimitRunEndToEnd() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "rows", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "a"}},
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "b"}},
              {"type": "transform", "method": "unionDataFrames", "config": {"inputDataFrames": ["a", "b"]}},
              {"type": "transform", "method": "deduplicate", "config": {"columns": ["order_id"]}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["amount DESC NULLS LAST", "order_id"]}},
              {"type": "transform", "method": "limitRows", "config": {"limit": 3}},
              {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "amount"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/r", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try sluice.read("out/r/part-00000.csv") == "order_id,amount\n1010,1299.0\n1002,899.99\n1006,249.0\n")
    }
}
