import Foundation
import Testing

@Suite struct JoinCommandTests {
    func pipeline(_ join: String) -> String {
        """
        {"name": "join", "steps": [
          {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "orders"}},
          {"type": "extract", "method": "fromFile", "config": {"path": "data/customers.csv", "format": "csv", "registerAs": "customers"}},
          {"type": "transform", "method": "joinDataFrames", "config": {"inputDataFrames": ["orders", "customers"], \(join)}},
          {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "customer_id", "region"]}},
          {"type": "load", "method": "toFile", "config": {"path": "out/j", "format": "csv"}}]}
        """
    }

    func run(_ join: String) throws -> (SluiceProcess.Result, [String]) {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("data/customers.csv", "customer_id,region\n17,north\n23,south\n8,east\n")
        try sluice.write("p.json", pipeline(join))
        let result = try sluice.run("run", "p.json")
        let lines = (try? sluice.read("out/j/part-00000.csv"))?.split(separator: "\n").map(String.init) ?? []
        return (result, lines)
    }

    @Test func conditionsColumnsAndKeyListsAllJoin() throws {
        for join in [#""joinConditions": ["orders.customer_id = customers.customer_id"]"#,
                     #""joinColumn": "customer_id""#,
                     #""leftKeys": ["customer_id"], "rightKeys": ["customer_id"]"#] {
            let (result, lines) = try run(join)
            #expect(result.status == 0, "\(join): \(result.stderr)")
            #expect(lines.first == "order_id,customer_id,region")
            #expect(lines.count == 8, "\(join)")
            #expect(lines.contains("1005,8,east"))
        }
    }

    @Test func aLeftJoinKeepsOrdersWithoutACustomer() throws {
        let (result, lines) = try run(#""joinType": "left_outer", "joinColumn": "customer_id""#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lines.count == 13)
        #expect(lines.contains("1004,42,"))
    }

    @Test func keysGivenTwoWaysAreRefused() throws {
        let (result, _) = try run(#""joinColumn": "customer_id", "leftKeys": ["customer_id"], "rightKeys": ["customer_id"]"#)
        #expect(result.status == 2)
        #expect(result.stderr.contains("give the keys one way only"))
    }
}
