import Foundation
import SluiceEngine

/// The partition columns found in Hive-style directories below a source's root
/// (`root/year=2025/month=01/part-0.parquet`): their names, inferred types and each file's values.
///
/// Types are inferred as Spark does for directory values: int, then bigint, double, date,
/// else string; `__HIVE_DEFAULT_PARTITION__` is null.
struct HivePartitionColumns: Sendable {
    /// The partition fields, in the order their directories nest.
    let fields: [Field]
    /// Per file (in the order given), the value of each field.
    let values: [[ScalarValue]]

    static let none = HivePartitionColumns(fields: [], values: [])

    /// Reads the partition directories of `files` below `root`. Files that do not all name the
    /// same partition columns make no partition columns (the layout is not Hive-style).
    init(files: [String], root: String) {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let pairs = files.map { file in
            file.hasPrefix(prefix) ? HivePartitioning.values(inRelativePath: String(file.dropFirst(prefix.count))) : []
        }
        let names = pairs.first?.map(\.name) ?? []
        guard !names.isEmpty, pairs.allSatisfy({ $0.map(\.name) == names }) else {
            self = .none
            return
        }
        let types = names.indices.map { column in Self.inferType(pairs.compactMap { $0[column].value }) }
        fields = zip(names, types).map { Field($0, $1) }
        values = pairs.map { filePairs in
            filePairs.indices.map { column in Self.parse(filePairs[column].value, as: types[column]) }
        }
    }

    private init(fields: [Field], values: [[ScalarValue]]) {
        self.fields = fields
        self.values = values
    }

    /// The values of the files at `indices` only.
    func selecting(_ indices: [Int]) -> HivePartitionColumns {
        HivePartitionColumns(fields: fields, values: indices.map { values[$0] })
    }

    private static func inferType(_ texts: [String]) -> DataType {
        if texts.allSatisfy({ Int32($0) != nil }) { return .int32 }
        if texts.allSatisfy({ Int64($0) != nil }) { return .int64 }
        if texts.allSatisfy({ Double($0) != nil }) { return .float64 }
        if texts.allSatisfy({ Temporal.parseDate($0) != nil }) { return .date }
        return .string
    }

    /// A partition value's text as a value of `type` (nil text, or text that does not parse: null).
    static func parse(_ text: String?, as type: DataType) -> ScalarValue {
        guard let text else { return .null }
        switch type {
        case .string: return .string(text)
        case .boolean: return .boolean(text.lowercased() == "true")
        default: return ScalarValue.string(text).cast(to: type)
        }
    }

    /// A batch of `schema`: `columns` (of `rowCount` rows) followed by the partition columns in
    /// `wanted` (indices into `fields`) as constants.
    func appending(to columns: [Column], rowCount: Int, file: Int, wanted: [Int], schema: Schema) -> RecordBatch {
        let constants = wanted.map { column -> Column in
            var builder = ColumnBuilder(type: fields[column].type, capacity: rowCount)
            for _ in 0..<rowCount { builder.append(values[file][column]) }
            return builder.finish()
        }
        return RecordBatch(schema: schema, columns: columns + constants)
    }
}
