import Foundation
import Testing

/// Parquet through `sluice run`: CSV to Parquet and back, partitioned writes, the fromS3/toS3
/// shape on local paths, and what the reference readers see.
@Suite struct ParquetCommandTests {
    /// Runs a Python snippet with `path` as its argument; returns what it prints.
    func python(_ code: String, _ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func csvToParquetAndBackKeepsEveryValue() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("to.json", """
            {"name": "to-parquet", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/pq", "format": "parquet", "compression": "zstd"}}]}
            """)
        let first = try sluice.run("run", "to.json")
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(sluice.list("out/pq") == ["_SUCCESS", "part-00000.parquet"])
        let summary = try python("""
            import sys, pyarrow.parquet as pq
            t = pq.read_table(sys.argv[1])
            m = pq.ParquetFile(sys.argv[1]).metadata
            print(t.num_rows, [str(f.type) for f in t.schema], m.row_group(0).column(0).compression)
            print(t.column('amount').to_pylist()[:3], t.column('order_ts').to_pylist()[0].isoformat())
            """, sluice.path("out/pq/part-00000.parquet"))
        #expect(summary == """
            12 ['int32', 'int32', 'string', 'string', 'double', 'int32', 'timestamp[us, tz=UTC]'] ZSTD
            [42.5, 899.99, 15.0] 2025-01-03T09:15:00+00:00

            """)
        try sluice.write("back.json", """
            {"name": "from-parquet", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "out/pq", "format": "parquet"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/csv", "format": "csv"}}]}
            """)
        try sluice.write("direct.json", """
            {"name": "direct", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/direct", "format": "csv"}}]}
            """)
        #expect(try sluice.run("run", "back.json").status == 0)
        #expect(try sluice.run("run", "direct.json").status == 0)
        #expect(try sluice.read("out/csv/part-00000.csv") == (try sluice.read("out/direct/part-00000.csv")))
    }

    @Test func toS3PartitionsByColumnAndFromS3ReadsThePartitionsBack() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "partitioned", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "transform", "method": "enrichData", "config": {"columns": {"day": "to_date(order_ts)"}}},
              {"type": "load", "method": "toS3", "config": {"path": "lake/orders/", "format": "parquet",
                "partitionBy": ["status", "day"], "compression": "snappy", "mode": "append"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(sluice.list("lake/orders").contains("status=completed"))
        #expect(sluice.list("lake/orders/status=completed").contains("day=2025-01-03"))
        #expect(sluice.list("lake/orders/status=completed/day=2025-01-03") == ["part-00000.parquet"])
        // pyarrow reads the layout as a Hive-partitioned dataset with the same rows.
        let counts = try python("""
            import sys, pyarrow.dataset as ds
            t = ds.dataset(sys.argv[1], format='parquet', partitioning='hive').to_table()
            print(t.num_rows, sorted(set(t.column('status').to_pylist())), 'status' in t.schema.names)
            """, sluice.path("lake/orders"))
        #expect(counts == "12 ['cancelled', 'completed', 'pending', 'refunded'] True\n")
        // Appending the same rows again doubles each partition's files, numbered after the old ones.
        #expect(try sluice.run("run", "p.json").status == 0)
        #expect(sluice.list("lake/orders/status=completed/day=2025-01-03").count == 2)
        try sluice.write("read.json", """
            {"name": "read-partitioned", "steps": [
              {"type": "extract", "method": "fromS3", "config": {"path": "lake/orders", "format": "parquet"}},
              {"type": "transform", "method": "aggregateData", "config": {"groupBy": ["status"], "aggregations": {"n": "count(order_id)", "last_day": "max(day)"}}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["status"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/counts", "format": "csv"}}]}
            """)
        let read = try sluice.run("run", "read.json")
        #expect(read.status == 0, "stderr: \(read.stderr)")
        let counted = try sluice.read("out/counts/part-00000.csv")
        #expect(counted.hasPrefix("status,n,last_day\ncancelled,"))
        #expect(counted.split(separator: "\n").count == 5)
        let completed = counted.split(separator: "\n").first { $0.hasPrefix("completed,") }
        #expect(completed != nil && completed!.split(separator: ",")[1] == "\(2 * Self.completedRows)")
    }

    static let completedRows = 7

    @Test func targetFileSizeSplitsLargeOutputsIntoSeveralFiles() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        var lines = ["id,label"]
        for index in 0..<60_000 { lines.append("\(index),label \(index) \(String(repeating: "x", count: index % 40))") }
        try sluice.write("big.csv", lines.joined(separator: "\n") + "\n")
        try sluice.write("p.json", """
            {"name": "sized", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "big.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/sized", "format": "parquet",
                "compression": "none", "targetFileSize": "200KB"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let parts = sluice.list("out/sized").filter { $0.hasSuffix(".parquet") }
        #expect(parts.count >= 3)
        let total = try python("""
            import sys, pyarrow.dataset as ds
            print(ds.dataset(sys.argv[1], format='parquet').count_rows())
            """, sluice.path("out/sized"))
        #expect(total == "60000\n")
    }

    @Test func objectStoreAddressesAndWrongKeysAreClearErrors() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("p.json", """
            {"name": "s3", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toS3", "config": {"path": "s3a://bucket/checkpoints/stage1/", "format": "parquet"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/x", "format": "csv", "compression": "zstd"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/y", "format": "parquet", "compression": "brotli"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("object-store address"))
        #expect(result.stderr.contains("'compression' applies to Parquet only"))
        #expect(result.stderr.contains("brotli"))
    }

    @Test func aCorruptParquetFileFailsTheRunNamingTheFile() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("in/bad.parquet", "PAR1 this is not really parquet PAR1")
        try sluice.write("p.json", """
            {"name": "corrupt", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "in", "format": "parquet"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/x", "format": "csv"}}]}
            """)
        let result = try sluice.run("run", "p.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.parquet"))
        #expect(result.stderr.contains("footer length"))
        #expect(sluice.list("out").isEmpty)
    }

    @Test func filtersSkipPartitionsThatCannotMatch() throws {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("write.json", """
            {"name": "lake", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "examples/data/orders.csv", "format": "csv"}},
              {"type": "load", "method": "toFile", "config": {"path": "lake", "format": "parquet", "partitionBy": ["status"]}}]}
            """)
        #expect(try sluice.run("run", "write.json").status == 0)
        // A damaged file in a partition the filter rules out is never opened.
        try sluice.write("lake/status=pending/part-00009.parquet", "PAR1 damaged PAR1")
        try sluice.write("read.json", """
            {"name": "pruned", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "lake", "format": "parquet"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "status IN ('completed', 'refunded') AND amount >= 40"}},
              {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "status"]}},
              {"type": "transform", "method": "sortData", "config": {"columns": ["order_id"]}},
              {"type": "load", "method": "toFile", "config": {"path": "out/pruned", "format": "csv"}}]}
            """)
        // explain shows what the scan will read and skip by.
        let explained = try sluice.run("explain", "read.json")
        #expect(explained.stdout.contains("Scan parquet lake columns [amount, order_id, status] skipping by status IN ('completed', 'refunded'), amount >= 40"),
                "\(explained.stdout)")
        let pruned = try sluice.run("run", "read.json")
        #expect(pruned.status == 0, "stderr: \(pruned.stderr)")
        let expected = try python("""
            import sys, csv
            rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['status'] in ('completed', 'refunded') and r['amount'] and float(r['amount']) >= 40]
            print('order_id,status'); [print(r['order_id'] + ',' + r['status']) for r in sorted(rows, key=lambda r: int(r['order_id']))]
            """, sluice.path("examples/data/orders.csv"))
        #expect(try sluice.read("out/pruned/part-00000.csv") == expected)
        // Without the partition filter the damaged file is read, and the run fails naming it.
        try sluice.write("all.json", """
            {"name": "all", "steps": [
              {"type": "extract", "method": "fromFile", "config": {"path": "lake", "format": "parquet"}},
              {"type": "transform", "method": "filterRows", "config": {"condition": "amount >= 40"}},
              {"type": "load", "method": "toFile", "config": {"path": "out/all", "format": "csv"}}]}
            """)
        let all = try sluice.run("run", "all.json")
        #expect(all.status == 1)
        #expect(all.stderr.contains("part-00009.parquet"))
    }
}
