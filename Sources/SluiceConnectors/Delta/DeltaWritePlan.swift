import SluiceDelta
import SluiceEngine
import SluiceSpec

/// How a dataset fits a table it is written to: the columns the files get (the table's, in
/// its order, new ones appended with `mergeSchema`), the casts that fit input types to them,
/// and the new metadata when the schema or partitioning changes.
struct DeltaWritePlan {
    /// The schema of the written files and of the table after the write.
    var schema: Schema
    var partitionColumns: [String]
    /// The metadata to commit, when it changes (a new table, merged or replaced schema).
    var newMetadata: DeltaMetadata?
    /// For each column of `schema`: the input column it comes from (nil: nulls).
    var sources: [Int?]

    /// The Delta types Sluice writes into existing tables, as engine types.
    static let writableTypes: Set<String> = ["boolean", "integer", "long", "double", "string", "date", "timestamp"]

    init(input: Schema, snapshot: DeltaSnapshot?, partitionBy: [String]?, mergeSchema: Bool, overwriteSchema: Bool,
         table: String) throws(SluiceError) {
        func mismatch(_ message: String, hint: String) -> SluiceError {
            SluiceError(.schemaMismatch, "cannot write to Delta table '\(table)': \(message)", hint: hint)
        }
        for name in partitionBy ?? [] where input.index(of: name) == nil {
            throw mismatch("partition column '\(name)' is not in the dataset",
                           hint: NameSuggester.hint(for: name, in: input.names) ?? "columns: \(input.names.joined(separator: ", "))")
        }
        guard let snapshot, !overwriteSchema else {
            // A new table, or one whose schema is replaced: the dataset's schema as it is.
            schema = input
            partitionColumns = (partitionBy ?? snapshot?.metadata.partitionColumns ?? []).map { name in input.fields[input.index(of: name)!].name }
            sources = input.fields.indices.map { $0 }
            var metadata = DeltaMetadata(schemaString: DeltaSchema(input).schemaString, partitionColumns: partitionColumns,
                                         createdTime: Int64((Date.timeIntervalSinceReferenceDate + 978_307_200) * 1000))
            if let existing = snapshot?.metadata { metadata.id = existing.id; metadata.configuration = existing.configuration }
            newMetadata = metadata
            return
        }
        partitionColumns = snapshot.metadata.partitionColumns
        if let partitionBy, partitionBy.map({ $0.lowercased() }) != partitionColumns.map({ $0.lowercased() }) {
            throw mismatch("the table is partitioned by [\(partitionColumns.joined(separator: ", "))], not [\(partitionBy.joined(separator: ", "))]",
                           hint: "drop partitionBy, or set \"overwriteSchema\": true with mode overwrite to repartition")
        }
        var columns = snapshot.schema.columns
        if let column = columns.first(where: { !Self.writableTypes.contains($0.deltaType) }) {
            throw SluiceError(.unsupported, "Delta table '\(table)' has column '\(column.name)' of type \(column.deltaType), which this version of Sluice cannot write",
                              hint: "write with a client that supports the type, or replace the schema with \"overwriteSchema\": true")
        }
        var sources: [Int?] = columns.map { column in input.index(of: column.name) }
        for (index, field) in input.fields.enumerated() where !columns.contains(where: { $0.name.lowercased() == field.name.lowercased() }) {
            guard mergeSchema else {
                throw mismatch("column '\(field.name)' is not in the table (columns: \(columns.map(\.name).joined(separator: ", ")))",
                               hint: "set \"mergeSchema\": true to add it, or drop it before the write")
            }
            columns.append(DeltaSchema(Schema([field])).columns[0])
            sources.append(index)
        }
        let tableSchema = DeltaSchema(columns: columns)
        for (position, source) in sources.enumerated() {
            guard let source else { continue }
            let wanted = tableSchema.engineSchema.fields[position].type
            let given = input.fields[source].type
            guard given == wanted || given.widened(with: wanted) == wanted else {
                throw mismatch("column '\(columns[position].name)' is \(given) in the dataset but \(columns[position].deltaType) in the table",
                               hint: "cast it with enrichData (CAST(\(columns[position].name) AS ...)), or replace the schema with \"overwriteSchema\": true")
            }
        }
        schema = tableSchema.engineSchema
        self.sources = sources
        if columns.count != snapshot.schema.columns.count {
            var metadata = snapshot.metadata
            metadata.schemaString = tableSchema.schemaString
            newMetadata = metadata
        } else {
            newMetadata = nil
        }
    }

    /// `batch` (of the input schema) laid out as the written schema.
    func arrange(_ batch: RecordBatch) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.enumerated().map { position, field in
            guard let source = sources[position] else { return Column.nulls(field.type, count: batch.rowCount) }
            let column = batch.columns[source]
            return column.dataType == field.type ? column : CastKernel.cast(column, to: field.type)
        })
    }
}

import Foundation
