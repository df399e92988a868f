import Foundation
import SluiceDelta
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Reads one version of a Delta table: the Parquet files of its snapshot, partition values as
/// columns, skipping files whose partition values or statistics cannot match the filters.
public struct DeltaTableSource: Source {
    public let path: String
    public let selector: DeltaVersionSelector
    public let origin: ConfigOrigin?
    private let cache: DeltaSnapshotCache

    public init(path: String, selector: DeltaVersionSelector, origin: ConfigOrigin? = nil) {
        self.path = path
        self.selector = selector
        self.origin = origin
        cache = DeltaSnapshotCache(log: DeltaLog(table: path), selector: selector)
    }

    public var summary: String {
        switch selector {
        case .latest: "delta \(path)"
        case .version(let version): "delta \(path) @ version \(version)"
        case .timestamp(let milliseconds): "delta \(path) @ \(Temporal.formatTimestamp(milliseconds * 1000))"
        }
    }

    private func snapshot() async throws -> DeltaSnapshot {
        do {
            return try await cache.snapshot()
        } catch {
            var located = error
            if located.location == nil, let origin { located.location = origin.location; located.jsonPath = origin.jsonPath }
            throw located
        }
    }

    public func schema() async throws -> Schema {
        try await snapshot().schema.engineSchema
    }

    public func scan() async throws -> RecordBatchStream {
        try await scan(columns: nil, predicates: [])
    }

    public func scan(columns: Set<String>?) async throws -> RecordBatchStream {
        try await scan(columns: columns, predicates: [])
    }

    public func scan(columns: Set<String>?, predicates: [ScanPredicate]) async throws -> RecordBatchStream {
        let snapshot = try await snapshot()
        let schema = snapshot.schema.engineSchema
        let output = columns.map { wanted in Schema(schema.fields.filter { wanted.contains($0.name.lowercased()) }) } ?? schema
        let layout = DeltaFileLayout(snapshot: snapshot, schema: schema)
        let files = try layout.files(matching: predicates)
        let cursor = DeltaFileCursor(table: snapshot.table, files: files, layout: layout, output: output, predicates: predicates)
        return RecordBatchStream(schema: output) { { try await cursor.next() } }
    }
}
