import SluiceEngine
import SluiceSpec

/// Writes batches as JSON Lines: one object per row, keys in schema order, null fields
/// omitted (as Spark does); dates and timestamps as strings; non-finite doubles as the
/// strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
struct JSONLinesWriter: FormatWriter {
    let schema: Schema
    private let keys: [String]

    init(schema: Schema) {
        self.schema = schema
        keys = schema.fields.map { JSONNode.quote($0.name) + ":" }
    }

    mutating func header() -> [UInt8] { [] }

    mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
        var out = ""
        out.reserveCapacity(batch.rowCount * batch.columns.count * 12)
        for row in 0..<batch.rowCount {
            out += "{"
            var first = true
            for (index, column) in batch.columns.enumerated() where !column.isNull(row) {
                if !first { out += "," }
                first = false
                out += keys[index]
                switch column.value(at: row) {
                case .string(let text): out += JSONNode.quote(text)
                case .float64(let value) where !value.isFinite: out += "\"" + TextValueFormatter.double(value) + "\""
                case .date(let days): out += "\"" + Temporal.formatDate(days) + "\""
                case .timestamp(let micros): out += "\"" + Temporal.formatTimestamp(micros) + "\""
                case let value: out += TextValueFormatter.text(value)
                }
            }
            out += "}\n"
        }
        return Array(out.utf8)
    }

    mutating func footer() -> [UInt8] { [] }
}
