import Foundation
import Testing

@Suite struct WindowCommandTests {
    func run(_ transform: String, command: String = "run") throws -> (SluiceProcess.Result, String?) {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "window", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "orders"}},
              \(transform),
              {"type": "load", "method": "toFile", "config": {"path": "out/w", "format": "csv"}}]}
            """)
        let result = try sluice.run(command, "p.json")
        return (result, try? sluice.read("out/w/part-00000.csv"))
    }

    @Test func latestOrderPerCustomerWithRowNumber() throws {
        let (result, output) = try run("""
            {"type": "transform", "method": "enrichData", "config": {"columns": {
              "rn": "row_number() OVER (PARTITION BY customer_id ORDER BY order_ts DESC)",
              "running": "sum(amount) OVER (PARTITION BY customer_id ORDER BY order_ts)"}}},
            {"type": "transform", "method": "filterRows", "config": {"condition": "rn = 1 AND customer_id IN (17, 8)"}},
            {"type": "transform", "method": "selectColumns", "config": {"columns": ["customer_id", "order_id", "running"]}}
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "customer_id,order_id,running\n8,1008,179.9\n17,1011,90.6\n")
    }

    @Test func windowsInSQLSelectLists() throws {
        let (result, output) = try run("""
            {"type": "transform", "method": "sql", "config": {"query":
              "SELECT order_id, lag(order_id) OVER (ORDER BY order_id) AS previous FROM orders ORDER BY order_id LIMIT 3"}}
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "order_id,previous\n1001,\n1002,1001\n1003,1002\n")
    }

    @Test func rankingWithoutAnOrderIsAnError() throws {
        let (result, _) = try run("""
            {"type": "transform", "method": "enrichData", "config": {"columns": {"rn": "row_number() OVER (PARTITION BY status)"}}}
            """)
        #expect(result.status == 1)
        #expect(result.stderr.contains("row_number needs an ORDER BY"))
    }
}
