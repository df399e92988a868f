import PostgresNIO
import SluiceEngine

/// Writes rows in the text format of PostgreSQL's `COPY ... FROM STDIN`: tab-separated
/// values, `\N` for null, backslash escapes for backslash, tab, newline and carriage return.
/// (postgres-nio 1.33 offers the text format only; binary COPY would need the raw protocol.)
enum PostgresCopyEncoder {
    /// Appends rows `rows` of `batch` to `buffer`.
    static func append(_ batch: RecordBatch, rows: Range<Int>, to buffer: inout ByteBuffer) {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        for row in rows {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                appendValue(column, row, to: &buffer, scratch: &scratch)
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
    }

    private static func appendValue(_ column: Column, _ row: Int, to buffer: inout ByteBuffer, scratch: inout [UInt8]) {
        if column.isNull(row) {
            buffer.writeStaticString("\\N")
            return
        }
        switch column.storage {
        case .boolean(let values):
            buffer.writeInteger(UInt8(ascii: values[row] ? "t" : "f"))
        case .int32(let values):
            if column.dataType == .date {
                scratch.removeAll(keepingCapacity: true)
                Temporal.appendDate(Int(values[row]), to: &scratch)
                buffer.writeBytes(scratch)
            } else {
                buffer.writeString(String(values[row]))
            }
        case .int64(let values):
            if column.dataType.isTimestamp {
                scratch.removeAll(keepingCapacity: true)
                Temporal.appendTimestamp(values[row], zone: column.dataType == .timestamp, to: &scratch)
                buffer.writeBytes(scratch)
            } else {
                buffer.writeString(String(values[row]))
            }
        case .float64(let values):
            let value = values[row]
            if value.isNaN {
                buffer.writeStaticString("NaN")
            } else if value.isInfinite {
                buffer.writeStaticString(value < 0 ? "-Infinity" : "Infinity")
            } else {
                buffer.writeString(column.dataType == .float32 ? Float(value).description : value.description)
            }
        case .decimal(let values):
            buffer.writeString(DecimalMath.format(values[row], scale: column.dataType.decimalScale))
        case .string(let storage) where column.dataType == .binary:
            // bytea's hex form, its backslash escaped for COPY's text format.
            buffer.writeStaticString("\\\\x")
            for byte in storage.utf8(at: row) { buffer.writeBytes([hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]) }
        case .string(let storage):
            appendEscaped(storage.utf8(at: row), to: &buffer)
        case .list, .structure:
            appendEscaped(Array(PostgresArrayLiteral.text(column.value(at: row), type: column.dataType).utf8)[...], to: &buffer)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscaped(_ bytes: ArraySlice<UInt8>, to buffer: inout ByteBuffer) {
        var start = bytes.startIndex
        for index in bytes.indices {
            let escaped: UInt8
            switch bytes[index] {
            case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
            default: continue
            }
            buffer.writeBytes(bytes[start..<index])
            buffer.writeInteger(UInt8(ascii: "\\"))
            buffer.writeInteger(escaped)
            start = bytes.index(after: index)
        }
        buffer.writeBytes(bytes[start...])
    }
}
