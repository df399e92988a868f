import Foundation
import Testing

@Suite struct TransformCommandTests {
    @Test func filterEnrichSelectAndRenameRunEndToEnd() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "transforms", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "status = 'completed' AND amount > 50"}},
              {"type": "transform", "method": "enrichData", "config": {"columns": {
                "total": "amount * quantity", "tier": "CASE WHEN amount > 500 THEN 'high' ELSE 'normal' END", "day": "to_date(order_ts)"}}},
              {"type": "transform", "method": "dropColumns", "config": {"columns": ["customer_id", "order_ts"]}},
              {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "category", "total", "tier", "day"]}},
              {"type": "transform", "method": "renameColumns", "config": {"columns": {"category": "cat"}}},
              {"type": "load", "method": "toFile", "config": {"path": "out/t", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try sluice.read("out/t/part-00000.csv") == """
            order_id,cat,total,tier,day
            1002,electronics,899.99,high,2025-01-03
            1005,"toys, games",119.8,normal,2025-01-04
            1008,books,720.0,normal,2025-01-06
            1010,electronics,1299.0,high,2025-01-07

            """)
        #expect(result.stdout.contains("filterRows"))
    }

    @Test func expressionErrorsAreCaughtByValidateWithACaret() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "bad", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "amount > > 5"}},
              {"type": "transform", "method": "enrichData", "config": {"columns": {"x": "CAST(amount AS money)"}}}]}
            """)
        let result = try sluice.run("validate", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("p.json:3:") && result.stderr.contains("    amount > > 5\n             ^"))
        #expect(result.stderr.contains("unknown type 'money'"))
        #expect(result.stderr.contains("2 errors"))
    }

    @Test func anUnknownColumnFailsTheRunAtItsExpression() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "typo", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "enrichData", "config": {"columns": {"t": "amout * 2"}}},
              {"type": "load", "method": "toFile", "config": {"path": "out/t", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("p.json:3:") && result.stderr.contains("did you mean 'amount'?"))
        #expect(result.stderr.contains("$.steps[1].config.columns.t"))
        #expect(!FileManager.default.fileExists(atPath: sluice.path("out/t")))
    }
}
