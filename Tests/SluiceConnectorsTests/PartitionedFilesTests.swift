import Foundation
import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

/// `partitionBy` directories: written by `FileSetSink`, discovered by `FileSetSource`.
@Suite struct PartitionedFilesTests {
    static let schema = Schema([Field("line", .string), Field("key", .int32)])

    static func stream(_ rows: [(String, Int32?)]) -> RecordBatchStream {
        var lines = ColumnBuilder(type: .string)
        var keys = ColumnBuilder(type: .int32)
        for (line, key) in rows {
            lines.append(line)
            if let key { keys.append(key) } else { keys.appendNull() }
        }
        return RecordBatchStream(schema: schema, batches: [RecordBatch(schema: schema, columns: [lines.finish(), keys.finish()])])
    }

    func write(_ rows: [(String, Int32?)], to path: String, mode: WriteMode, runId: String) async throws {
        let sink = FileSetSink(path: path, format: LinesFormat(), mode: mode, partitionBy: ["key"], runId: runId)
        try await sink.stage(Self.stream(rows)).commit()
    }

    @Test func partitionsAreDirectoriesPerValueAndAppendsNumberNewPartsAfterOldOnes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await write([("a", 1), ("b", 2), ("c", 1), ("d", nil)], to: dir.file("out"), mode: .errorIfExists, runId: "r1")
        #expect(dir.list("out") == ["_SUCCESS", "key=1", "key=2", "key=__HIVE_DEFAULT_PARTITION__"])
        #expect(try dir.read("out/key=1/part-00000.txt") == "#header\na\nc\n", "files hold the other columns only")
        try await write([("e", 1)], to: dir.file("out"), mode: .append, runId: "r2")
        #expect(dir.list("out/key=1").count == 2 && dir.list("out/key=1").first == "part-00000.txt")

        let source = FileSetSource(path: dir.file("out"), format: LinesFormat())
        #expect(try await source.schema() == Schema([Field("line", .string), Field("key", .int32)]))
        let all = try await source.scan().collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
        // The test format reads its header line as a row too.
        let rows = all.filter { $0[0] != .string("#header") }
        #expect(rows.sorted { $0[0].description < $1[0].description } == [
            [.string("a"), .int32(1)], [.string("b"), .int32(2)], [.string("c"), .int32(1)], [.string("d"), .null], [.string("e"), .int32(1)]])
        let keysOnly = try await source.scan(columns: ["key"]).collect()
        #expect(keysOnly.first?.schema.names == ["key"])
        #expect(keysOnly.reduce(0) { $0 + $1.rowCount } == all.count)
    }

    @Test func valuesAreEscapedAndAnUnknownColumnIsAnError() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(HivePartitioning.segment("k", .string("a/b=c:d%")) == "k=a%2Fb%3Dc%3Ad%25")
        #expect(HivePartitioning.segment("day", .date(0)) == "day=1970-01-01")
        #expect(HivePartitioning.segment("k", .null) == "k=__HIVE_DEFAULT_PARTITION__")
        #expect(HivePartitioning.unescape("a%2Fb%3Dc%3Ad%25") == "a/b=c:d%")
        let sink = FileSetSink(path: dir.file("out"), format: LinesFormat(), mode: .overwrite, partitionBy: ["nope"], runId: "r1")
        await #expect(throws: SluiceError.self) { try await sink.stage(Self.stream([("a", 1)])) }
        #expect(dir.list() == [], "a failed write leaves nothing behind")
    }
}
