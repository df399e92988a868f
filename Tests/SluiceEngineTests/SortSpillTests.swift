import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// Sorting more than the memory limit: sorted runs spill to files and merge back, giving
/// exactly the in-memory order (stable), and the files are gone afterwards.
@Suite struct SortSpillTests {
    static let schema = Schema([Field("id", .int64), Field("group", .string), Field("score", .float64),
                                Field("tags", .array(.int32))])

    static func batches(rows: Int) -> [RecordBatch] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let all: [[ScalarValue]] = (0..<rows).map { id in
            let r = next()
            return [.int64(Int64(id)), r % 11 == 0 ? .null : .string("g\(r % 37)"),
                    r % 13 == 0 ? .null : .float64(Double(r % 1000) / 10), .array([.int32(Int32(r % 5))])]
        }
        return stride(from: 0, to: rows, by: 1_000).map { start in
            let slice = all[start..<min(rows, start + 1_000)]
            return RecordBatch(schema: schema, columns: schema.fields.indices.map { column in
                var builder = ColumnBuilder(type: schema.fields[column].type)
                slice.forEach { builder.append($0[column]) }
                return builder.finish()
            })
        }
    }

    func sorted(_ batches: [RecordBatch], options: EngineOptions) async throws -> [[ScalarValue]] {
        let node = SortNode(input: .scan(ScanNode(source: DecimalAggregateTests.Rows(batch: RecordBatch.concatenate(batches, schema: Self.schema)),
                                                  origin: PlanOrigin(stepIndex: 0, method: "rows"))),
                            keys: [SortNode.Key(expression: .column(name: "group", qualifier: nil), ascending: true, nullsFirst: false),
                                   SortNode.Key(expression: .column(name: "score", qualifier: nil), ascending: false)],
                            origin: PlanOrigin(stepIndex: 1, method: "sortData"))
        let input = RecordBatchStream(schema: Self.schema, batches: batches)
        let stream = try SortOperator.apply(node, to: input, options: options)
        return try await stream.collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    @Test func spilledRunsMergeIntoTheInMemoryOrder() async throws {
        let batches = Self.batches(rows: 30_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-spill-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inMemory = try await sorted(batches, options: EngineOptions(memoryLimit: 1 << 30, spillDirectory: directory))
        let spilled = try await sorted(batches, options: EngineOptions(memoryLimit: 64 * 1024, spillDirectory: directory))
        #expect(spilled.count == 30_000)
        #expect(spilled == inMemory)
        // Stable: within equal keys, ids (the input order) ascend.
        for (a, b) in zip(spilled, spilled.dropFirst()) where a[1] == b[1] && a[2] == b[2] {
            guard case .int64(let x) = a[0], case .int64(let y) = b[0] else { continue }
            #expect(x < y)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "spill files are removed")
    }

    @Test func spillFilesRoundTripEveryColumnKind() throws {
        let schema = Schema([Field("d", .decimal(precision: 20, scale: 3)), Field("b", .binary), Field("m", .map(key: .string, value: .int64)),
                             Field("s", .struct([Field("x", .boolean), Field("y", .date)]))])
        let rows: [[ScalarValue]] = [
            [ScalarValue.string("-1.5").cast(to: .decimal(precision: 20, scale: 3)), .binary([0, 1]), .map(keys: [.string("a")], values: [.null]),
             .struct([.boolean(true), .date(3)])],
            [.null, .null, .null, .null],
        ]
        let batch = RecordBatch(schema: schema, columns: schema.fields.indices.map { column in
            var builder = ColumnBuilder(type: schema.fields[column].type)
            rows.forEach { builder.append($0[column]) }
            return builder.finish()
        })
        let file = try SpillFile(directory: FileManager.default.temporaryDirectory, schema: schema)
        try file.write(batch)
        try file.write(batch.slice(1, 1))
        var reader = try file.reader()
        #expect(reader.nextBatch()?.columns == batch.columns)
        #expect(reader.nextBatch().map { $0.row(0) } == rows[1])
        #expect(reader.nextBatch() == nil)
    }

    @Test func sizesParseAsTheOptionTakesThem() {
        #expect(EngineOptions.parseSize("512MB") == 512 << 20)
        #expect(EngineOptions.parseSize("4g") == 4 << 30)
        #expect(EngineOptions.parseSize("1.5 KB") == 1536)
        #expect(EngineOptions.parseSize("1048576") == 1 << 20)
        #expect(EngineOptions.parseSize("lots") == nil)
        #expect(EngineOptions.parseSize("-1MB") == nil)
    }
}
