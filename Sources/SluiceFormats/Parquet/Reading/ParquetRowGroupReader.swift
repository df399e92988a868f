import Foundation
import SluiceEngine
import SluiceSpec

/// Decodes row groups of one file into record batches of the requested columns.
struct ParquetRowGroupReader: Sendable {
    /// What one output column is read from: a leaf of this file, or nulls when the file lacks it.
    enum Source: Sendable {
        case leaf(index: Int, field: ParquetTopField, type: DataType, conversion: ParquetTypeMapping.Conversion)
        /// A nested field, by its index among the top-level fields.
        case nested(fieldIndex: Int)
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

    /// Row group `index` as batches of at most `batchRows` rows, each built straight from
    /// the decoded pages.
    func read(group index: Int) throws(SluiceError) -> [RecordBatch] {
        let group = footer.metadata.rowGroups[index]
        let rows = Int(group.numRows)
        guard rows > 0 else { return [] }
        // A row group of up to two batches is read as one (writers often make row groups of a
        // page per column, about 100,000 rows): whole pages then become columns without a copy.
        let ranges = rows <= 2 * Self.batchRows ? [0..<rows]
            : stride(from: 0, to: rows, by: Self.batchRows).map { $0..<min($0 + Self.batchRows, rows) }
        var columns: [[Column]] = []
        for (position, source) in sources.enumerated() {
            let target = output.fields[position].type
            switch source {
            case .missing:
                columns.append(ranges.map { Column.nulls(target, count: $0.count) })
            case .nested(let fieldIndex):
                var column = try nestedColumn(fieldIndex, group: group, rows: rows, target: target)
                if column.dataType != target { column = CastKernel.cast(column, to: target) }
                columns.append(ranges.count == 1 ? [column] : ranges.map { column.slice($0.lowerBound, $0.count) })
            case .leaf(let leafIndex, let field, let type, let conversion):
                let leaf = footer.schema.leaves[leafIndex]
                let decoder = ColumnChunkDecoder(file: file, leaf: leaf, meta: group.columns[leafIndex].metaData!, rowCount: rows)
                let outcome = data.withUnsafeBytes { bytes in
                    Result { () throws(SluiceError) -> FlatChunkPages in try decoder.decodePages(bytes) }
                }
                let pages = try outcome.get()
                var pieces: [Column] = []
                for range in ranges {
                    var column: Column
                    switch pages.rows(range) {
                    case .coded(let dictionary, let validity) where conversion == .identity && type.physical == .bytes:
                        // Strings read through a dictionary stay codes until something needs the
                        // strings, and grouping works on the codes.
                        column = Column(dataType: type, dictionary: dictionary, validity: validity)
                    case .coded(let dictionary, let validity):
                        let values = LeafValues.bytes(dictionary.values.gather(dictionary.codes, validity: validity))
                        column = try LeafColumnConversion.column(values, validity: validity, type: type, conversion: conversion,
                                                                 name: field.name, file: file)
                    case .values(let values, let validity):
                        column = try LeafColumnConversion.column(values, validity: validity, type: type, conversion: conversion,
                                                                 name: field.name, file: file)
                    }
                    if column.dataType != target { column = CastKernel.cast(column, to: target) }
                    pieces.append(column)
                }
                columns.append(pieces)
            }
        }
        return ranges.indices.map { batch in RecordBatch(schema: output, columns: columns.map { $0[batch] }) }
    }

    /// A nested field of one row group as a column of its nested type (`target`), or of JSON
    /// text when the dataset's schema reads it as a string.
    private func nestedColumn(_ fieldIndex: Int, group: ParquetRowGroup, rows: Int, target: DataType) throws(SluiceError) -> Column {
        let field = footer.schema.fields[fieldIndex]
        var leaves: [Int: (ParquetLeaf, NestedLeafData)] = [:]
        for leafIndex in field.leaves {
            let leaf = footer.schema.leaves[leafIndex]
            let decoder = ColumnChunkDecoder(file: file, leaf: leaf, meta: group.columns[leafIndex].metaData!, rowCount: rows)
            let outcome = data.withUnsafeBytes { bytes in
                Result { () throws(SluiceError) -> NestedLeafData in try decoder.decodeNested(bytes) }
            }
            leaves[leafIndex] = (leaf, try outcome.get())
        }
        guard fieldIndex < footer.trees.count else {
            throw SluiceError(.malformedData, "'\(file)' has a schema tree that does not match its columns")
        }
        if target.isNested {
            var assembler = try NestedAssembler(typed: footer.trees[fieldIndex], leaves: leaves, file: file)
            var builder = ColumnBuilder(type: target, capacity: rows)
            for row in try assembler.values(rows) { builder.append(row.engineValue(as: target)) }
            return builder.finish()
        }
        var assembler = NestedAssembler(tree: footer.trees[fieldIndex], leaves: leaves, file: file)
        var builder = ColumnBuilder(type: .string, capacity: rows)
        for row in try assembler.rows(rows) {
            if let row { builder.append(row) } else { builder.appendNull() }
        }
        return builder.finish()
    }
}
