import Foundation
import SluiceEngine
import SluiceRuntime
import SluiceSpec

/// In-memory methods for planner and runner tests: a source of N numbers, a pass-through
/// transform, a two-input transform, and a sink that remembers what it committed.
enum TestRegistry {
    static let schema = Schema([Field("n", .int64)])

    static let registry = MethodRegistry([
        MethodDescriptor(
            name: "fromNumbers", type: .extract, inputs: .none, summary: "Numbers 1...count.", details: "",
            keys: [ConfigKey("count", .integer, required: true, "How many."),
                   ConfigKey("failWith", .string, allowed: ["refused", "data"], "Fail the scan.")],
            example: "{}",
            build: { context in
                let source = NumberSource(count: try context.config.int("count") ?? 0,
                                          failure: try context.config.string("failWith"))
                return StepPlan(output: .scan(ScanNode(source: source, origin: context.origin)))
            }),
        MethodDescriptor(
            name: "passThrough", type: .transform, inputs: .one, summary: "Changes nothing.", details: "",
            keys: [], example: "{}", build: { context in StepPlan(output: try context.input) }),
        MethodDescriptor(
            name: "combine", type: .transform, inputs: .many, summary: "Takes the first input.", details: "",
            keys: [], example: "{}", build: { context in StepPlan(output: try context.input) }),
        MethodDescriptor(
            name: "toMemory", type: .load, inputs: .one, summary: "Remembers rows.", details: "",
            keys: [ConfigKey("name", .string, required: true, "The name to remember under.")],
            example: "{}",
            build: { context in
                let sink = MemorySink(name: try context.config.required("name"))
                let input = try context.input
                return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
            }),
    ])
}

/// Counts failures of `NumberSource` so a test can make the first attempts fail only.
final class FailureBudget: @unchecked Sendable {
    static let shared = FailureBudget()
    private let lock = NSLock()
    private var remaining = 0
    func set(_ count: Int) { lock.lock(); remaining = count; lock.unlock() }
    func take() -> Bool { lock.lock(); defer { lock.unlock() }; guard remaining > 0 else { return false }; remaining -= 1; return true }
}

struct NumberSource: Source {
    let count: Int
    let failure: String?
    var summary: String { "numbers 1...\(count)" }
    func schema() async throws -> Schema { TestRegistry.schema }
    func scan() async throws -> RecordBatchStream {
        if failure == "refused", FailureBudget.shared.take() {
            throw SluiceError(.connectionRefused, "connection refused by test server")
        }
        if failure == "data" { throw SluiceError(.malformedData, "bad data") }
        var builder = ColumnBuilder(type: .int64)
        for value in 1...max(count, 1) where value <= count { builder.append(Int64(value)) }
        return RecordBatchStream(schema: TestRegistry.schema,
                                 batches: [RecordBatch(schema: TestRegistry.schema, columns: [builder.finish()])])
    }
}

/// Remembers committed rows by name, process-wide.
final class MemoryTables: @unchecked Sendable {
    static let shared = MemoryTables()
    private let lock = NSLock()
    private var tables: [String: Int] = [:]
    func commit(_ name: String, rows: Int) { lock.lock(); tables[name] = rows; lock.unlock() }
    func rows(_ name: String) -> Int? { lock.lock(); defer { lock.unlock() }; return tables[name] }
}

struct MemorySink: Sink {
    let name: String
    var summary: String { "memory \(name)" }
    func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        var rows = 0
        for try await batch in input { rows += batch.rowCount }
        return Staged(name: name, rowCount: rows)
    }

    struct Staged: StagedWrite {
        let name: String
        let rowCount: Int
        func commit() async throws { MemoryTables.shared.commit(name, rows: rowCount) }
        func abort() async {}
    }
}

/// Writes a pipeline file into a fresh temporary directory.
struct PipelineFile {
    let directory: String
    let path: String

    init(_ json: String, name: String = "pipeline.json") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-rt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent(name)
        try json.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
