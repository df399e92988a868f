import SluiceEngine

/// Writes batches as CSV: an optional header line, then one line per row, LF line ends.
///
/// A field is quoted when it contains the delimiter, the quote, a line break, or leading or
/// trailing spaces, and an empty string is written `""`, so that empty strings and nulls
/// (written as `nullValue`) stay distinct. Each column is rendered once per batch
/// (`ColumnText`), then rows are assembled by copying bytes.
struct CSVWriter: FormatWriter {
    let schema: Schema
    let options: CSVOptions

    mutating func header() -> [UInt8] {
        guard options.header else { return [] }
        var out: [UInt8] = []
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { out.append(options.delimiter) }
            var name = field.name
            name.withUTF8 { ColumnText.appendCSV($0, options: options, to: &out) }
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }

    mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
        let texts = batch.columns.map { ColumnText($0, style: .csv(options)) }
        let nullBytes = Array(options.nullValue.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(texts.reduce(batch.rowCount) { $0 + $1.bytes.count + batch.rowCount })
        for row in 0..<batch.rowCount {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { out.append(options.delimiter) }
                if column.isNull(row) {
                    out.append(contentsOf: nullBytes)
                } else {
                    out.append(contentsOf: texts[index].bytes[texts[index].range(row)])
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    mutating func footer() -> [UInt8] { [] }
}
