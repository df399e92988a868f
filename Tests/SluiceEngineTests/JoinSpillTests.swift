import Foundation
@testable import SluiceEngine
import SluiceSpec
import Testing

/// Joins whose right input is larger than the memory limit run as grace hash joins: the rows
/// are exactly the in-memory join's (as a multiset), for every join type, with duplicate and
/// null keys on both sides, an INT key against a BIGINT one, and two keys; and the spill
/// files are gone afterwards.
@Suite struct JoinSpillTests {
    static let leftSchema = Schema([Field("id", .int64), Field("k", .int32), Field("tag", .string), Field("amount", .float64)])
    static let rightSchema = Schema([Field("k", .int64), Field("rtag", .string), Field("name", .string), Field("rid", .int64)])

    /// Deterministic pseudo-random rows of `schema`, in batches of 1,000.
    static func batches(_ schema: Schema, rows: Int, seed: UInt64, row: (Int, UInt64) -> [ScalarValue]) -> [RecordBatch] {
        var state = seed
        let all: [[ScalarValue]] = (0..<rows).map { index in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return row(index, state)
        }
        return stride(from: 0, to: rows, by: 1_000).map { RecordBatch.of(schema, rows: Array(all[$0..<min(rows, $0 + 1_000)])) }
    }

    /// 24,000 orders-like rows: about four per key of 6,000, some keys and tags null.
    static let left = batches(leftSchema, rows: 24_000, seed: 0x9E37_79B9_7F4A_7C15) { index, r in
        [.int64(Int64(index)), r % 17 == 0 ? .null : .int32(Int32(r % 6_000)), r % 19 == 0 ? .null : .string("t\(r % 3)"),
         .float64(Double(r % 1_000) / 8)]
    }
    /// 20,000 rows over 8,000 keys (so keys go unmatched both ways), some keys and tags null.
    static let right = batches(rightSchema, rows: 20_000, seed: 0xD1B5_4A32_D192_ED03) { index, r in
        [r % 13 == 0 ? .null : .int64(Int64(r % 8_000)), r % 23 == 0 ? .null : .string("t\((r >> 7) % 3)"),
         .string("customer number \(index)"), .int64(Int64(index))]
    }

    /// A fresh spill directory, removed by the caller.
    static func spillDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-join-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func join(_ type: JoinNode.JoinType, keys: [(String, String)], left: [RecordBatch] = JoinSpillTests.left,
              right: [RecordBatch] = JoinSpillTests.right, options: EngineOptions) async throws -> [[ScalarValue]] {
        let plan = LogicalPlan.scan(ScanNode(source: DecimalAggregateTests.Rows(batch: left[0]), origin: PlanOrigin(stepIndex: 0, method: "rows")))
        let node = JoinNode(left: plan, right: plan, type: type,
                            leftKeys: keys.map { .column(name: $0.0, qualifier: nil) }, rightKeys: keys.map { .column(name: $0.1, qualifier: nil) },
                            mergedKeyNames: keys.filter { $0.0 == $0.1 }.map(\.0), origin: PlanOrigin(stepIndex: 2, method: "joinDataFrames"))
        let stream = try HashJoinOperator.apply(node, left: RecordBatchStream(schema: Self.leftSchema, batches: left),
                                                right: RecordBatchStream(schema: Self.rightSchema, batches: right), options: options)
        return try await stream.collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } }
    }

    /// How often each row occurs.
    static func multiset(_ rows: [[ScalarValue]]) -> [[ScalarValue]: Int] {
        rows.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// The join spilled (with `limit`) and in memory give the same rows, and no file is left.
    func expectSpilledJoinMatchesInMemory(_ type: JoinNode.JoinType, keys: [(String, String)], limit: Int,
                                          left: [RecordBatch] = JoinSpillTests.left, right: [RecordBatch] = JoinSpillTests.right) async throws {
        let directory = try Self.spillDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inMemory = try await join(type, keys: keys, left: left, right: right,
                                      options: EngineOptions(memoryLimit: 1 << 40, spillDirectory: directory))
        let spilled = try await join(type, keys: keys, left: left, right: right,
                                     options: EngineOptions(memoryLimit: limit, spillDirectory: directory))
        #expect(!inMemory.isEmpty)
        #expect(spilled.count == inMemory.count, "\(type)")
        #expect(Self.multiset(spilled) == Self.multiset(inMemory), "\(type)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "spill files are removed")
    }

    @Test(arguments: JoinNode.JoinType.allCases)
    func anIntKeyJoinedToABigintKeySpillsToTheInMemoryRows(_ type: JoinNode.JoinType) async throws {
        try await expectSpilledJoinMatchesInMemory(type, keys: [("k", "k")], limit: 64 * 1024)
    }

    @Test(arguments: JoinNode.JoinType.allCases)
    func twoKeysSpillToTheInMemoryRows(_ type: JoinNode.JoinType) async throws {
        try await expectSpilledJoinMatchesInMemory(type, keys: [("k", "k"), ("tag", "rtag")], limit: 64 * 1024)
    }

    @Test(arguments: [JoinNode.JoinType.inner, .full, .leftAnti])
    func partitionsStillOverTheLimitAreSplitAgain(_ type: JoinNode.JoinType) async throws {
        try await expectSpilledJoinMatchesInMemory(type, keys: [("k", "k")], limit: 8 * 1024)
    }

    @Test(arguments: [JoinNode.JoinType.inner, .right])
    func oneKeyTooFrequentToSplitIsJoinedInMemoryAnyway(_ type: JoinNode.JoinType) async throws {
        // Every right row has key 7 (or null): no split can spread it, so the last level joins it whole.
        let right = Self.batches(Self.rightSchema, rows: 6_000, seed: 42) { index, r in
            [r % 5 == 0 ? .null : .int64(7), .string("t0"), .string("customer number \(index)"), .int64(Int64(index))]
        }
        let left = Array(Self.left.prefix(4))
        try await expectSpilledJoinMatchesInMemory(type, keys: [("k", "k")], limit: 16 * 1024, left: left, right: right)
    }

    @Test func aRightInputOverTheLimitGoesToTheSpillDirectory() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-no-such-dir-\(UUID().uuidString)")
        // Within the limit, the directory is never used.
        _ = try await join(.inner, keys: [("k", "k")], options: EngineOptions(memoryLimit: 1 << 40, spillDirectory: missing))
        do {
            _ = try await join(.inner, keys: [("k", "k")], options: EngineOptions(memoryLimit: 64 * 1024, spillDirectory: missing))
            Issue.record("a join over the limit must write spill files")
        } catch let error as SluiceError {
            #expect(error.code == .io)
            #expect(error.message.contains("cannot create a spill file"))
        }
    }

    @Test func equalKeysHashAlikeWhateverTheirEncoding() {
        let ints = RecordBatch.of(Schema([Field("a", .int64), Field("b", .float64), Field("c", .string)]), rows: [
            [.int64(1), .float64(0), .string("x")], [.int64(1), .float64(-0.0), .string("x")], [.null, .float64(.nan), .null],
            [.null, .float64(-.nan), .null], [.int64(2), .null, .string("")], [.int64(2), .null, .string("")],
        ])
        let hashes = KeyHashes.hashes(of: ints.columns, rows: ints.rowCount, seed: 1)
        #expect(hashes[0] == hashes[1])
        #expect(hashes[2] == hashes[3])
        #expect(hashes[4] == hashes[5])
        #expect(Set(hashes).count == 3)
        #expect(KeyHashes.hashes(of: ints.columns, rows: ints.rowCount, seed: 2)[0] != hashes[0])
        #expect(SpillPartitions.fanOut(bytes: nil, memoryLimit: 1_000) == 32)
        #expect(SpillPartitions.fanOut(bytes: 1_000, memoryLimit: 1_000) == 2)
        #expect(SpillPartitions.fanOut(bytes: 2_500, memoryLimit: 1_000) == 8)
        #expect(SpillPartitions.fanOut(bytes: 1 << 40, memoryLimit: 1_000) == 64)
    }
}
