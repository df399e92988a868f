import Foundation
import SluiceEngine
import SluiceSpec

/// The row count and per-column bounds of a Parquet file, from its footer's statistics:
/// what table formats (Delta Lake) record per file for skipping.
public struct ParquetFileSummary: Sendable {
    /// The bounds of one top-level column over every row group (nil where any group lacks them).
    public struct ColumnBounds: Sendable {
        public var min: ScalarValue?
        public var max: ScalarValue?
        public var nullCount: Int64?
    }

    public var rowCount: Int64
    /// By column name; flat columns only.
    public var columns: [String: ColumnBounds]

    /// Reads the footer of `data`.
    public init(_ data: Data, file: String) throws(SluiceError) {
        let footer = try ParquetFooter(data, file: file)
        rowCount = footer.metadata.numRows
        columns = [:]
        for field in footer.schema.fields where field.isFlat {
            let leafIndex = field.leaves.lowerBound
            let leaf = footer.schema.leaves[leafIndex]
            guard case .success(let (type, conversion)) = ParquetTypeMapping.mapping(for: field, leaf: leaf) else { continue }
            var merged: ColumnBounds?
            var unknown = false
            for group in footer.metadata.rowGroups {
                let bounds = RowGroupSkipping.bounds(group.columns[leafIndex].metaData?.statistics, leaf: leaf,
                                                     conversion: conversion, type: type)
                let next = ColumnBounds(min: bounds.min, max: bounds.max, nullCount: bounds.nullCount.map(Int64.init))
                // A group without statistics makes the file's bounds unknown.
                if bounds.nullCount == nil || (bounds.min == nil && bounds.nullCount.map { Int64($0) < group.numRows } ?? true) {
                    unknown = true
                }
                // A group of only nulls has no bounds, and that is fine: it adds only its null count.
                let allNull = bounds.nullCount.map { Int64($0) == group.numRows } ?? false
                guard let current = merged else {
                    merged = next
                    continue
                }
                merged = ColumnBounds(
                    min: allNull ? current.min : Self.pick(current.min, next.min, smaller: true),
                    max: allNull ? current.max : Self.pick(current.max, next.max, smaller: false),
                    nullCount: current.nullCount.flatMap { a in next.nullCount.map { a + $0 } })
            }
            if let merged, !unknown { columns[field.name] = merged }
        }
    }

    private static func pick(_ a: ScalarValue?, _ b: ScalarValue?, smaller: Bool) -> ScalarValue? {
        guard let a else { return b }
        guard let b else { return a }
        guard let order = ScanPredicate.order(a, b) else { return nil }
        return (order <= 0) == smaller ? a : b
    }
}
