import PostgresNIO
import SluiceEngine
import SluiceSpec

/// Builds record batches from PostgreSQL rows in binary format, one column builder per
/// field. The scan query casts every column to the one wire type its engine type is decoded
/// from (`PostgresTypes`), so decoding depends on the engine type alone.
struct PostgresBatchDecoder {
    let schema: Schema
    private var builders: [ColumnBuilder]
    private let capacity: Int

    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    private static let epochDays: Int32 = 10_957
    /// Microseconds from 1970-01-01 to 2000-01-01.
    private static let epochMicros: Int64 = 946_684_800_000_000

    init(schema: Schema, capacity: Int) {
        self.schema = schema
        self.capacity = capacity
        builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
    }

    /// Rows appended since the last `finish()`.
    var count: Int { builders.first?.count ?? 0 }

    mutating func append(_ row: PostgresRow) throws(SluiceError) {
        var index = 0
        for cell in row {
            guard index < builders.count else { break }
            try Self.append(cell, to: &builders[index], field: schema.fields[index])
            index += 1
        }
    }

    /// The rows so far as one batch; the decoder starts over empty.
    mutating func finish() -> RecordBatch {
        let columns = builders.indices.map { builders[$0].finish() }
        builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
        return RecordBatch(schema: schema, columns: columns)
    }

    /// Static, so appending never holds a second reference to the builders (which would make
    /// every append copy the column's buffer).
    private static func append(_ cell: PostgresCell, to builder: inout ColumnBuilder, field: Field) throws(SluiceError) {
        guard var bytes = cell.bytes else {
            builder.appendNull()
            return
        }
        switch field.type {
        case .boolean:
            guard let value = bytes.readInteger(as: UInt8.self) else { throw malformed(field) }
            builder.append(value != 0)
        case .int32:
            guard let value = bytes.readInteger(as: Int32.self) else { throw malformed(field) }
            builder.append(value)
        case .int64:
            guard let value = bytes.readInteger(as: Int64.self) else { throw malformed(field) }
            builder.append(value)
        case .float64:
            guard let bits = bytes.readInteger(as: UInt64.self) else { throw malformed(field) }
            builder.append(Double(bitPattern: bits))
        case .string:
            // One bulk copy (the byte view's element-wise iteration retains the buffer per byte).
            bytes.withUnsafeReadableBytes { builder.append(bytes: $0) }
        case .date:
            guard let days = bytes.readInteger(as: Int32.self) else { throw malformed(field) }
            guard days != .max, days != .min else { throw infinite(field) }
            builder.append(days + Self.epochDays)
        case .timestamp:
            guard let micros = bytes.readInteger(as: Int64.self) else { throw malformed(field) }
            guard micros != .max, micros != .min else { throw infinite(field) }
            builder.append(micros + Self.epochMicros)
        default:
            throw malformed(field)
        }
    }

    private static func malformed(_ field: Field) -> SluiceError {
        SluiceError(.malformedData, "PostgreSQL sent a value of column '\(field.name)' that is not a \(field.type)")
    }

    private static func infinite(_ field: Field) -> SluiceError {
        SluiceError(.malformedData, "column '\(field.name)' holds 'infinity', which a \(field.type) cannot hold",
                    hint: "filter such rows out in a `query`, or map them to a value there")
    }
}
