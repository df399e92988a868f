import Foundation
import Testing

/// `sluice run --memory-limit`: a sort larger than the limit spills and still orders every row;
/// a join larger than the limit spills and still finds every match.
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

    @Test func aJoinBeyondTheMemoryLimitSpillsAndStillFindsEveryMatch() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        let orders = (0..<40_000).map { i in "\(i),\((i * 7919) % 35_000),\(Double(i % 977) / 4)" }
        let customers = (0..<30_000).map { c in "\(c),region \(c % 10)" }
        try sluice.write("orders.csv", "order_id,customer_id,amount\n" + orders.joined(separator: "\n") + "\n")
        try sluice.write("customers.csv", "customer_id,region\n" + customers.joined(separator: "\n") + "\n")
        try sluice.write("tmp/.keep", "")
        try sluice.write("p.json", """
            {"name": "big_join", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "orders.csv", "format": "csv", "registerAs": "orders"}},
              {"type": "extract", "method": "fromFile", "config": {"path": "customers.csv", "format": "csv", "registerAs": "customers"}},
              {"type": "transform", "method": "joinDataFrames", "config": {"inputDataFrames": ["orders", "customers"],
                                                                          "joinType": "left_outer", "joinColumn": "customer_id"}},
              {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "customer_id", "region"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "csv"}}]}
            """)
        // The spill files go to the temporary directory; this one is the test's own.
        let result = try sluice.run("run", "p.json", "--memory-limit", "256KB", environment: ["TMPDIR": sluice.path("tmp")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try sluice.list("out").filter { $0.hasSuffix(".csv") }.flatMap { file in
            try sluice.read("out/\(file)").split(separator: "\n").dropFirst().map(String.init)
        }
        let expected = (0..<40_000).map { i in
            let customer = (i * 7919) % 35_000
            return customer < 30_000 ? "\(i),\(customer),region \(customer % 10)" : "\(i),\(customer),"
        }
        #expect(lines.count == 40_000)
        #expect(lines.sorted() == expected.sorted())
        #expect(sluice.list("tmp") == [".keep"], "spill files are removed")
    }

    @Test func aMemoryLimitThatIsNotASizeIsAUsageError() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", #"{"name": "x", "steps": []}"#)
        let result = try sluice.run("run", "p.json", "--memory-limit", "lots")
        #expect(result.status == 64 || result.status == 2, "\(result.status)")
        #expect(result.stderr.contains("--memory-limit expects a size"), "\(result.stderr)")
    }

    @Test func anAggregationBeyondTheMemoryLimitSpillsAndStillGivesEveryGroupOnce() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        // Three batches of rows: new customers keep coming after the limit is passed.
        let rows = (0..<200_000).map { i in "\(i),customer \((i * 7919) % 100_000),\(i % 7)" }
        try sluice.write("in.csv", "id,customer,amount\n" + rows.joined(separator: "\n") + "\n")
        try sluice.write("p.json", """
            {"name": "big_group", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in.csv", "format": "csv"}},
              {"type": "transform", "method": "aggregateData",
               "config": {"groupBy": ["customer"], "aggregations": {"amount": ["sum", "count"], "first_id": "min(id)"}}},
              {"type": "load", "method": "toFile", "config": {"path": "out", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json", "--memory-limit", "256KB")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try sluice.read("out/part-00000.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(lines.count == 100_000)
        #expect(Set(lines.map { $0[0] }).count == 100_000)
        // Customer c has the ids i and i + 100,000, where i * 7919 = c (mod 100,000).
        for line in lines {
            let id = Int(line[3])!
            #expect(line[0] == "customer \((id * 7919) % 100_000)")
            #expect(Int(line[1]) == id % 7 + (id + 100_000) % 7 && line[2] == "2")
        }
    }
}
