import SluiceEngine

/// The partition columns of a directory written with `partitionBy`: the `column=value`
/// directories between the root and each file, as Spark discovers them. Column types are
/// inferred from the values (int, bigint, double, date, timestamp, else string).
struct PartitionDiscovery: Sendable {
    /// The partition columns, in directory order.
    let fields: [Field]
    /// Each file's values of the partition columns.
    let values: [String: [ScalarValue]]

    /// The partitions below `root`, or nil when the files are not all in `column=value`
    /// directories with the same columns.
    static func discover(root: String, files: [String]) -> PartitionDiscovery? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var columns: [String]?
        var texts: [String: [String?]] = [:]
        for file in files {
            guard file.hasPrefix(prefix) else { return nil }
            let components = file.dropFirst(prefix.count).split(separator: "/").dropLast().map(String.init)
            guard !components.isEmpty, let pairs = PartitionPath.parse(components) else { return nil }
            let names = pairs.map(\.column)
            if columns == nil { columns = names }
            guard columns == names else { return nil }
            texts[file] = pairs.map(\.value)
        }
        guard let columns else { return nil }
        let types = columns.indices.map { column in inferType(texts.values.compactMap { $0[column] }) }
        let fields = zip(columns, types).map { Field($0, $1) }
        let values = texts.mapValues { row in zip(row, types).map { text, type in text.map { value(of: $0, as: type) } ?? .null } }
        return PartitionDiscovery(fields: fields, values: values)
    }

    private static func inferType(_ texts: [String]) -> DataType {
        if texts.isEmpty { return .string }
        if texts.allSatisfy({ Int32($0) != nil }) { return .int32 }
        if texts.allSatisfy({ Int64($0) != nil }) { return .int64 }
        if texts.allSatisfy({ Double($0) != nil }) { return .float64 }
        if texts.allSatisfy({ Temporal.parseDate($0) != nil }) { return .date }
        if texts.allSatisfy({ Temporal.parseTimestamp($0) != nil }) { return .timestamp }
        return .string
    }

    private static func value(of text: String, as type: DataType) -> ScalarValue {
        switch type {
        case .int32: Int32(text).map(ScalarValue.int32) ?? .null
        case .int64: Int64(text).map(ScalarValue.int64) ?? .null
        case .float64: Double(text).map(ScalarValue.float64) ?? .null
        case .date: Temporal.parseDate(text).map(ScalarValue.date) ?? .null
        case .timestamp: Temporal.parseTimestamp(text).map(ScalarValue.timestamp) ?? .null
        default: .string(text)
        }
    }

    /// The columns of `output` (data fields, then partition fields) for one batch of `file`:
    /// data columns from the batch, partition columns as the file's values.
    func complete(_ batch: RecordBatch, file: String, output: Schema) -> RecordBatch {
        let fileValues = values[file] ?? []
        var fields: [Field] = []
        var columns: [Column] = []
        for field in output.fields {
            if let index = self.fields.firstIndex(where: { $0.name == field.name }) {
                var builder = ColumnBuilder(type: field.type, capacity: batch.rowCount)
                for _ in 0..<batch.rowCount { builder.append(fileValues[index]) }
                fields.append(field)
                columns.append(builder.finish())
            } else if let index = batch.schema.index(of: field.name) {
                fields.append(batch.schema.fields[index])
                columns.append(batch.columns[index])
            }
        }
        return RecordBatch(schema: Schema(fields), columns: columns)
    }
}
