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
        let rows = batch.rowCount
        guard !batch.columns.isEmpty else { return [UInt8](repeating: UInt8(ascii: "\n"), count: rows) }
        let texts = batch.columns.map { ColumnText($0, style: .csv(options)) }
        let validities = batch.columns.map(\.validity)
        let nullBytes = Array(options.nullValue.utf8)
        // Where each row starts: its fields, a delimiter after each but the last, and a line break.
        var starts = [Int](repeating: batch.columns.count, count: rows + 1)
        for (text, validity) in zip(texts, validities) {
            for row in 0..<rows { starts[row] += validity.map { !$0[row] } == true ? nullBytes.count : text.length(row) }
        }
        var total = 0
        for row in 0..<rows {
            let length = starts[row]
            starts[row] = total
            total += length
        }
        // Columns are copied one at a time, each row's field to its place.
        return [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            var positions = starts
            let last = texts.count - 1
            for (column, text) in texts.enumerated() {
                let validity = validities[column]
                text.withUnsafeBytes { source, offsets in
                    for row in 0..<rows {
                        var position = positions[row]
                        if validity.map({ !$0[row] }) == true {
                            for byte in nullBytes { out[position] = byte; position += 1 }
                        } else {
                            let length = offsets[row + 1] - offsets[row]
                            if length > 0 { (out.baseAddress! + position).update(from: source.baseAddress! + offsets[row], count: length) }
                            position += length
                        }
                        out[position] = column == last ? UInt8(ascii: "\n") : options.delimiter
                        positions[row] = position + 1
                    }
                }
            }
            initialized = total
        }
    }

    mutating func footer() -> [UInt8] { [] }
}
