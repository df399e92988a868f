import Foundation
import SluiceEngine
import SluiceSpec

/// Decodes row groups of one file into record batches of the requested columns.
struct ParquetRowGroupReader: Sendable {
    /// What one output column is read from: a leaf of this file, or nulls when the file lacks it.
    enum Source: Sendable {
        case leaf(index: Int, field: ParquetTopField, type: DataType, conversion: ParquetTypeMapping.Conversion)
        case missing
    }

    let data: Data
    let file: String
    let footer: ParquetFooter
    /// The output schema: the requested fields in the order of the dataset's schema.
    let output: Schema
    let sources: [Source]

    /// Batches of at most this many rows.
    static let batchRows = RecordBatch.preferredRowCount

    /// Row group `index` as batches.
    func read(group index: Int) throws(SluiceError) -> [RecordBatch] {
        let group = footer.metadata.rowGroups[index]
        let rows = Int(group.numRows)
        var columns: [Column] = []
        for (position, source) in sources.enumerated() {
            let target = output.fields[position].type
            switch source {
            case .missing:
                columns.append(Column.nulls(target, count: rows))
            case .leaf(let leafIndex, let field, let type, let conversion):
                let leaf = footer.schema.leaves[leafIndex]
                let decoder = ColumnChunkDecoder(file: file, leaf: leaf, meta: group.columns[leafIndex].metaData!, rowCount: rows)
                let outcome = data.withUnsafeBytes { bytes in
                    Result { () throws(SluiceError) -> (LeafValues, Bitmap?) in try decoder.decode(bytes) }
                }
                let (values, validity) = try outcome.get()
                var column = try LeafColumnConversion.column(values, validity: validity, type: type, conversion: conversion,
                                                             name: field.name, file: file)
                if column.dataType != target { column = CastKernel.cast(column, to: target) }
                columns.append(column)
            }
        }
        let whole = RecordBatch(schema: output, columns: columns)
        guard rows > Self.batchRows else { return rows == 0 ? [] : [whole] }
        return stride(from: 0, to: rows, by: Self.batchRows).map { whole.slice($0, min(Self.batchRows, rows - $0)) }
    }
}
