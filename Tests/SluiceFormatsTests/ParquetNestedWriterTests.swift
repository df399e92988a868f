import Foundation
import SluiceEngine
@testable import SluiceFormats
import Testing

/// Nested rows written by `ParquetNestedWriter`, read back by Sluice and by pyarrow.
@Suite struct ParquetNestedWriterTests {
    static let fields = [
        ParquetNestedField("id", .long),
        ParquetNestedField("add", .group([
            ParquetNestedField("path", .string),
            ParquetNestedField("partitionValues", .map(.string)),
            ParquetNestedField("tags", .list(.string)),
            ParquetNestedField("flag", .boolean),
            ParquetNestedField("inner", .group([ParquetNestedField("n", .int), ParquetNestedField("options", .map(.string))])),
        ])),
    ]

    static let rows: [[String: ParquetNestedValue]] = [
        ["id": .long(1), "add": .group(["path": .string("a.parquet"), "partitionValues": .map([ParquetNestedEntry("day", .string("2025-01-01")), ParquetNestedEntry("x", .null)]),
                                        "tags": .list([.string("t1"), .null, .string("t3")]), "flag": .boolean(true),
                                        "inner": .group(["n": .int(7), "options": .map([])])])],
        ["id": .long(2), "add": .null],
        ["id": .null, "add": .group(["path": .string("b"), "partitionValues": .map([]), "tags": .list([]), "flag": .boolean(false)])],
        ["add": .group(["partitionValues": .null, "tags": .null, "inner": .group(["options": .map([ParquetNestedEntry("k", .string("v"))])])])],
    ]

    static let expected: [[String?]] = [
        ["1", #"{"path":"a.parquet","partitionValues":{"day":"2025-01-01","x":null},"tags":["t1",null,"t3"],"flag":true,"inner":{"n":7,"options":{}}}"#],
        ["2", nil],
        [nil, #"{"path":"b","partitionValues":{},"tags":[],"flag":false,"inner":null}"#],
        [nil, #"{"path":null,"partitionValues":null,"tags":null,"flag":null,"inner":{"n":null,"options":{"k":"v"}}}"#],
    ]

    @Test func sluiceReadsBackWhatItShreds() async throws {
        let bytes = try ParquetNestedWriter.write(fields: Self.fields, rows: Self.rows)
        let data = Data(bytes)
        let schema = try ParquetFormat().inferSchema(of: data, file: "nested.parquet")
        let strings = DataType.map(key: .string, value: .string)
        #expect(schema.fields.map(\.type) == [.int64, .struct([
            Field("path", .string), Field("partitionValues", strings), Field("tags", .array(.string)), Field("flag", .boolean),
            Field("inner", .struct([Field("n", .int32), Field("options", strings)])),
        ])])
        let rows = try await ParquetFormat().read(data, file: "nested.parquet", schema: schema).collect()
            .flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
        let texts = rows.map { row in row.map { value -> String? in
            switch value {
            case .null: nil
            case .int64(let number): String(number)
            case .string(let text): text
            default: NestedJSONText.text(value, type: schema.fields[1].type)
            }
        } }
        #expect(texts == Self.expected)
    }

    @Test func pyarrowReadsWhatItShreds() throws {
        let directory = try InteropFixtures.temporaryDirectory("nested-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("nested.parquet")
        try Data(try ParquetNestedWriter.write(fields: Self.fields, rows: Self.rows, compression: .zstd)).write(to: file)
        let script = """
            import sys, json, pyarrow.parquet as pq
            t = pq.read_table(sys.argv[1])
            print(json.dumps(t.to_pylist(), default=str))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let rows = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        #expect(rows.count == 4)
        let first = rows[0]["add"] as! [String: Any]
        #expect(first["path"] as? String == "a.parquet")
        #expect((first["tags"] as? [Any])?.count == 3)
        let pairs = first["partitionValues"] as! [[Any]]
        #expect(pairs.count == 2 && pairs[0][0] as? String == "day" && pairs[0][1] as? String == "2025-01-01" && pairs[1][1] is NSNull)
        #expect(rows[1]["add"] is NSNull)
        #expect(((rows[3]["add"] as! [String: Any])["inner"] as! [String: Any])["options"] as? [[String]] == [["k", "v"]])
    }
}
