import Foundation
import Testing

@Suite struct AggregateCommandTests {
    /// Runs `aggregateData` over the example orders grouped by status, written as `format`.
    func aggregateByStatus(_ aggregations: String, format: String) throws -> (SluiceProcess.Result, String?) {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "agg", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "aggregateData", "config": {"groupBy": ["status"], "aggregations": \(aggregations)}},
              {"type": "load", "method": "toFile", "config": {"path": "out/agg", "format": "\(format)"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        return (result, try? sluice.read("out/agg/part-00000.\(format)"))
    }

    @Test func bothAggregationShapesWork() throws {
        let (result, output) = try aggregateByStatus("""
            {"amount": ["sum", "max"], "orders": "count(*)", "customers": "count(DISTINCT customer_id)",
             "completed_big": "sum(CASE WHEN amount > 100 THEN 1 ELSE 0 END)"}
            """, format: "csv")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(output == """
            status,amount_sum,amount_max,orders,customers,completed_big
            completed,2454.49,1299.0,7,5,3
            pending,90.25,75.25,2,2,0
            cancelled,31.740000000000002,18.75,2,2,0
            refunded,249.0,249.0,1,1,1

            """)
    }

    @Test func collectListAndSetGiveArraysInBothShapes() throws {
        let (result, output) = try aggregateByStatus("""
            {"category": "collect_list", "customers": "collect_set(customer_id)", "amounts": "collect_list(amount)"}
            """, format: "json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // Order 1007 has no amount: nulls are left out.
        #expect(output == """
            {"status":"completed","category_collect_list":["books","electronics","toys, games","kitchen","books","electronics",\
            "home \\"essentials\\""],"customers":[17,23,8,99,42],"amounts":[42.5,899.99,59.9,120.0,1299.0,33.1]}
            {"status":"pending","category_collect_list":["garden","garden"],"customers":[17,61],"amounts":[15.0,75.25]}
            {"status":"cancelled","category_collect_list":["books","kitchen"],"customers":[42,5],"amounts":[12.99,18.75]}
            {"status":"refunded","category_collect_list":["electronics"],"customers":[23],"amounts":[249.0]}

            """)
    }

    @Test func unknownAggregateFunctionsAreCaughtByValidate() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "agg", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "aggregateData", "config": {"aggregations": {"amount": "summ", "t": "total(amount)"}}}]}
            """)
        let result = try sluice.run("validate", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean 'sum'?"))
        #expect(result.stderr.contains("'total(amount)' is not an aggregate function"))
        #expect(result.stderr.contains("$.steps[1].config.aggregations.amount"))
    }
}
