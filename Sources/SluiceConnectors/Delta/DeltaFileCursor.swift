import Foundation
import SluiceDelta
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Reads a snapshot's files one after another, each file's row groups in parallel, and lays
/// out every batch in the table's column order with partition values filled in.
final class DeltaFileCursor: @unchecked Sendable {
    private let table: String
    private let files: [DeltaAddFile]
    private let layout: DeltaFileLayout
    private let output: Schema
    private let predicates: [ScanPredicate]
    /// The data columns to read from files (at least one, so batches count rows).
    private let readColumns: Set<String>
    private var position = 0
    private var current: RecordBatchStream.NextBatch?
    private var upcoming: RecordBatchStream.NextBatch?

    init(table: String, files: [DeltaAddFile], layout: DeltaFileLayout, output: Schema, predicates: [ScanPredicate]) {
        self.table = table
        self.files = files
        self.layout = layout
        self.output = output
        self.predicates = predicates
        let dataNames = Set(layout.dataSchema.names.map { $0.lowercased() })
        let wanted = Set(output.names.map { $0.lowercased() }).intersection(dataNames)
        readColumns = wanted.isEmpty ? Set(layout.dataSchema.names.prefix(1).map { $0.lowercased() }) : wanted
    }

    /// Called by one consumer at a time.
    func next() async throws -> RecordBatch? {
        while true {
            if let current, let batch = try await current() {
                if batch.rowCount > 0 { return arrange(batch, file: files[position - 1]) }
                continue
            }
            guard position < files.count else { return nil }
            current = try upcoming ?? open(position)
            upcoming = nil
            position += 1
            // Start decoding the next file while this one is consumed.
            if position < files.count { upcoming = try open(position) }
        }
    }

    private func open(_ index: Int) throws -> RecordBatchStream.NextBatch {
        let file = files[index]
        let local = DeltaPaths.file(file.path, table: table)
        let data: Data
        do {
            data = try LocalFileReader.map(local)
        } catch {
            throw SluiceError(.inputNotFound, "Delta table '\(table)' lists '\(file.path)', which cannot be read: \(error.localizedDescription)",
                              hint: "the file may have been vacuumed or deleted by hand; read an older or newer version")
        }
        return ParquetFormat().read(data, file: local, schema: layout.dataSchema, columns: readColumns, predicates: predicates)
            .prefetched(depth: 2).makeNextBatch()
    }

    /// `batch` (data columns) as a batch of `output`: data columns by name, partition columns as constants.
    private func arrange(_ batch: RecordBatch, file: DeltaAddFile) -> RecordBatch {
        let columns = output.fields.map { field -> Column in
            if layout.partitionNames.contains(field.name.lowercased()) {
                var builder = ColumnBuilder(type: field.type, capacity: batch.rowCount)
                let value = layout.partitionValue(field, in: file)
                for _ in 0..<batch.rowCount { builder.append(value) }
                return builder.finish()
            }
            return batch.column(named: field.name) ?? Column.nulls(field.type, count: batch.rowCount)
        }
        return RecordBatch(schema: output, columns: columns)
    }
}
