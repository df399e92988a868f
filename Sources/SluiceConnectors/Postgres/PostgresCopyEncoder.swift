import PostgresNIO
import SluiceEngine

/// Writes rows for PostgreSQL's `COPY ... FROM STDIN`, in its text format (tab-separated
/// values, `\N` for null, backslash escapes for backslash, tab, newline and carriage return)
/// or its binary one (per row a 16-bit column count, per value a 32-bit length, -1 for null,
/// and the value as the type's binary send format; see `PostgresTypes.takesBinary`).
enum PostgresCopyEncoder {
    /// What starts binary data: the signature, no flags, no header extension.
    static let binaryHeader: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00] + [UInt8](repeating: 0, count: 8)
    /// What ends binary data: a column count of -1.
    static let binaryTrailer: [UInt8] = [0xFF, 0xFF]

    /// Appends rows `rows` of `batch` to `buffer` in the binary format.
    static func appendBinary(_ batch: RecordBatch, rows: Range<Int>, to buffer: inout ByteBuffer) {
        let columnCount = Int16(batch.columns.count)
        for row in rows {
            buffer.writeInteger(columnCount)
            for column in batch.columns {
                if column.isNull(row) {
                    buffer.writeInteger(Int32(-1))
                    continue
                }
                switch column.storage {
                case .boolean(let values):
                    buffer.writeInteger(Int32(1))
                    buffer.writeInteger(UInt8(values[row] ? 1 : 0))
                case .int32(let values):
                    buffer.writeInteger(Int32(4))
                    // Out-of-range dates wrap, and the server rejects them as such.
                    buffer.writeInteger(column.dataType == .date ? values[row] &- PostgresTypes.epochDays : values[row])
                case .int64(let values):
                    buffer.writeInteger(Int32(8))
                    buffer.writeInteger(column.dataType == .timestamp ? values[row] &- PostgresTypes.epochMicros : values[row])
                case .float64(let values):
                    buffer.writeInteger(Int32(8))
                    buffer.writeInteger(values[row].bitPattern)
                case .string(let storage):
                    let bytes = storage.utf8(at: row)
                    buffer.writeInteger(Int32(bytes.count))
                    buffer.writeBytes(bytes)
                case .decimal, .list, .structure:
                    preconditionFailure("\(column.dataType) columns are copied as text (see PostgresTypes.takesBinary)")
                }
            }
        }
    }

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
            // bytea's hex form (`\x00ff`), its backslash escaped for COPY's text format.
            appendEscaped(Array(PostgresArrayLiteral.scalarText(.binary(Array(storage.utf8(at: row)))).utf8)[...], to: &buffer)
        case .string(let storage):
            appendEscaped(storage.utf8(at: row), to: &buffer)
        case .list, .structure:
            appendEscaped(Array(PostgresArrayLiteral.text(column.value(at: row), type: column.dataType).utf8)[...], to: &buffer)
        }
    }

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
