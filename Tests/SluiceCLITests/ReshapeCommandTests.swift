import Foundation
import Testing

@Suite struct ReshapeCommandTests {
    func run(_ reshape: String) throws -> (SluiceProcess.Result, String?) {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("data/m.csv", "id,q1,q2,q3\n1,10,20,\n2,5,,7.5\n")
        try sluice.write("p.json", """
            {"name": "reshape", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv", "registerAs": "orders"}},
              {"type": "extract", "method": "fromFile", "config": {"path": "data/m.csv", "format": "csv", "registerAs": "m"}},
              \(reshape),
              {"type": "load", "method": "toFile", "config": {"path": "out/r", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        return (result, try? sluice.read("out/r/part-00000.csv"))
    }

    @Test func pivotMakesOneColumnPerValue() throws {
        let (result, output) = try run(#"""
            {"type": "transform", "method": "reshapeData", "config": {"inputDataFrames": ["orders"], "operation": "pivot",
             "groupBy": ["category"], "pivotColumn": "status", "values": ["completed", "cancelled"],
             "aggregations": {"amount": "sum", "n": "count(*)"}}}
            """#)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = output?.split(separator: "\n") ?? []
        #expect(lines.first == "category,completed_amount_sum,completed_n,cancelled_amount_sum,cancelled_n")
        #expect(lines.contains("books,162.5,2,12.99,1"))
        #expect(lines.contains("kitchen,,1,18.75,1"))
    }

    @Test func unpivotMakesOneRowPerValueColumn() throws {
        let (result, output) = try run(#"""
            {"type": "transform", "method": "reshapeData", "config": {"inputDataFrames": ["m"], "operation": "unpivot",
             "idColumns": ["id"], "valueColumns": ["q1", "q2", "q3"], "variableColumnName": "quarter"}}
            """#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "id,quarter,value\n1,q1,10.0\n1,q2,20.0\n1,q3,\n2,q1,5.0\n2,q2,\n2,q3,7.5\n")
    }

    @Test func pivotWithoutValuesIsRefusedByValidate() throws {
        let (result, _) = try run(#"""
            {"type": "transform", "method": "reshapeData", "config": {"inputDataFrames": ["orders"], "operation": "pivot",
             "pivotColumn": "status", "aggregations": {"amount": "sum"}}}
            """#)
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs 'values'"))
    }
}
