import SluiceEngine

/// Writes batches as CSV: an optional header line, then one line per row, LF line ends.
///
/// A field is quoted when it contains the delimiter, the quote, a line break, or leading or
/// trailing spaces, and an empty string is written `""`, so that empty strings and nulls
/// (written as `nullValue`) stay distinct.
struct CSVWriter: FormatWriter {
    let schema: Schema
    let options: CSVOptions

    mutating func header() -> [UInt8] {
        guard options.header else { return [] }
        var out: [UInt8] = []
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { out.append(options.delimiter) }
            appendField(Array(field.name.utf8), to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }

    mutating func encode(_ batch: RecordBatch) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(batch.rowCount * batch.columns.count * 8)
        let nullBytes = Array(options.nullValue.utf8)
        for row in 0..<batch.rowCount {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { out.append(options.delimiter) }
                if column.isNull(row) {
                    out.append(contentsOf: nullBytes)
                } else if case .string(let storage) = column.storage {
                    appendField(storage.utf8(at: row), to: &out)
                } else {
                    out.append(contentsOf: TextValueFormatter.text(column.value(at: row)).utf8)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    mutating func footer() -> [UInt8] { [] }

    private func appendField(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        let needsQuotes = bytes.isEmpty || bytes.first == UInt8(ascii: " ") || bytes.reversed().first == UInt8(ascii: " ")
            || bytes.contains { $0 == options.delimiter || $0 == options.quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == options.escape }
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(options.quote)
        for byte in bytes {
            if byte == options.quote || (byte == options.escape && options.escape != options.quote) { out.append(options.escape) }
            out.append(byte)
        }
        out.append(options.quote)
    }
}
