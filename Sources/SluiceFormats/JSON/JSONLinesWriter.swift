import SluiceEngine
import SluiceSpec

/// Writes batches as JSON Lines: one object per row, keys in schema order, null fields
/// omitted (as Spark does); dates and timestamps as strings; non-finite doubles as the
/// strings `"NaN"`, `"Infinity"`, `"-Infinity"`. Each column is rendered once per batch
/// (`ColumnText`), then rows are assembled by copying bytes.
struct JSONLinesWriter: FormatWriter {
    let schema: Schema
    private let keys: [[UInt8]]

    init(schema: Schema) {
        self.schema = schema
        keys = schema.fields.map { Array((JSONNode.quote($0.name) + ":").utf8) }
    }

    mutating func header() -> [UInt8] { [] }

    mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
        let texts = batch.columns.map { ColumnText($0, style: .json) }
        var out: [UInt8] = []
        out.reserveCapacity(texts.reduce(batch.rowCount * 2) { $0 + $1.bytes.count } + keys.reduce(0) { $0 + $1.count } * batch.rowCount)
        for row in 0..<batch.rowCount {
            out.append(UInt8(ascii: "{"))
            var first = true
            for (index, column) in batch.columns.enumerated() where !column.isNull(row) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: keys[index])
                out.append(contentsOf: texts[index].bytes[texts[index].range(row)])
            }
            out.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
        }
        return out
    }

    mutating func footer() -> [UInt8] { [] }
}
