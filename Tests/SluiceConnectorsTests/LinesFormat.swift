import Foundation
import SluiceEngine
import SluiceFormats

/// A minimal format for connector tests: every line of a file is one row of the string column
/// `line`. It lets the file connector be tested apart from the real formats.
struct LinesFormat: FileFormat {
    var name: String { "lines" }
    var fileExtension: String { "txt" }
    static let schema = Schema([Field("line", .string)])
    /// Counts schema inferences, for tests that check work is not repeated.
    var inferences: Position? = nil

    func inferSchema(of data: Data, file: String) throws -> Schema {
        _ = inferences?.advance()
        return Self.schema
    }

    func read(_ data: Data, file: String, schema: Schema) -> RecordBatchStream {
        let text = String(decoding: data, as: UTF8.self)
        var builder = ColumnBuilder(type: .string)
        text.split(separator: "\n").forEach { builder.append(String($0)) }
        return RecordBatchStream(schema: schema, batches: [RecordBatch(schema: schema, columns: [builder.finish()])])
    }

    func makeWriter(schema: Schema) -> any FormatWriter { Writer() }

    struct Writer: FormatWriter {
        mutating func header() -> [UInt8] { Array("#header\n".utf8) }
        mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
            (0..<batch.rowCount).flatMap { Array("\(batch.row($0)[0])\n".utf8) }
        }
        mutating func footer() -> [UInt8] { [] }
    }

    /// A stream of `lines`, optionally failing after the first batch.
    static func stream(_ lines: [String], failAfterFirstBatch: Bool = false) -> RecordBatchStream {
        let batches = lines.map { line -> RecordBatch in
            var builder = ColumnBuilder(type: .string)
            builder.append(line)
            return RecordBatch(schema: schema, columns: [builder.finish()])
        }
        return RecordBatchStream(schema: schema) {
            let position = Position()
            return {
                let index = position.advance()
                if failAfterFirstBatch, index == 1 { throw TestFailure.midWrite }
                return index < batches.count ? batches[index] : nil
            }
        }
    }

    enum TestFailure: Error { case midWrite }
}

final class Position: @unchecked Sendable {
    private var value = -1
    private let lock = NSLock()
    func advance() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func write(_ name: String, _ text: String) throws {
        let full = file(name)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }

    func list(_ name: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: name.isEmpty ? path : file(name))) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
