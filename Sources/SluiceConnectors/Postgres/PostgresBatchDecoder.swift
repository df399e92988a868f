import SluiceEngine
import SluiceSpec

/// Builds record batches from the bodies of PostgreSQL `DataRow` messages in binary format,
/// one column builder per field. The scan query casts every column to the one wire type its
/// engine type is decoded from (`PostgresTypes`), so decoding depends on the engine type alone.
///
/// A row body is a 16-bit column count, then per column a 32-bit length (-1: null) and that
/// many bytes, all big-endian; values are read straight from the message bytes.
struct PostgresBatchDecoder {
    let schema: Schema
    /// The fields' types, apart from the fields (reading a field would retain its name per value).
    private let types: [DataType]
    private var builders: [ColumnBuilder]
    private let capacity: Int

    init(schema: Schema, capacity: Int) {
        self.schema = schema
        self.capacity = capacity
        types = schema.fields.map(\.type)
        builders = types.map { ColumnBuilder(type: $0, capacity: capacity) }
    }

    /// Rows appended since the last `finish()`.
    private(set) var count = 0

    /// Appends the row in `body`, a `DataRow` message without its type byte and length.
    mutating func append(row body: UnsafeRawBufferPointer) throws(SluiceError) {
        let columnCount = body.count >= 2 ? Int(body.bigEndian(Int16.self, at: 0)) : -1
        guard columnCount == types.count else {
            throw SluiceError(.malformedData, "PostgreSQL sent a row of \(columnCount) columns where \(types.count) were asked for")
        }
        var offset = 2
        for index in types.indices {
            guard body.count - offset >= 4 else { throw Self.malformed(schema.fields[index]) }
            let length = Int(body.bigEndian(Int32.self, at: offset))
            offset += 4
            if length < 0 {
                builders[index].appendNull()
                continue
            }
            guard length <= body.count - offset else { throw Self.malformed(schema.fields[index]) }
            let value = UnsafeRawBufferPointer(rebasing: body[offset ..< offset + length])
            offset += length
            if !Self.append(value, of: types[index], to: &builders[index]) {
                throw Self.rejected(value, field: schema.fields[index])
            }
        }
        count += 1
    }

    /// The rows so far as one batch; the decoder starts over empty.
    mutating func finish() -> RecordBatch {
        let columns = builders.indices.map { builders[$0].finish() }
        builders = types.map { ColumnBuilder(type: $0, capacity: capacity) }
        count = 0
        return RecordBatch(schema: schema, columns: columns)
    }

    /// Appends one value; false when its bytes do not hold a value of `type` (the wrong size,
    /// or an infinite date or timestamp). Static, so appending never holds a second reference
    /// to the builders (which would make every append copy the column's buffer).
    @inline(__always)
    static func append(_ value: UnsafeRawBufferPointer, of type: DataType, to builder: inout ColumnBuilder) -> Bool {
        switch type {
        case .boolean:
            guard value.count == 1 else { return false }
            builder.append(value[0] != 0)
        case .int16:
            guard value.count == 2 else { return false }
            builder.append(Int32(value.bigEndian(Int16.self, at: 0)))
        case .int32:
            guard value.count == 4 else { return false }
            builder.append(value.bigEndian(Int32.self, at: 0))
        case .int64:
            guard value.count == 8 else { return false }
            builder.append(value.bigEndian(Int64.self, at: 0))
        case .float32:
            guard value.count == 4 else { return false }
            builder.append(Double(Float(bitPattern: value.bigEndian(UInt32.self, at: 0))))
        case .float64:
            guard value.count == 8 else { return false }
            builder.append(Double(bitPattern: value.bigEndian(UInt64.self, at: 0)))
        case .decimal(let precision, let scale):
            guard let unscaled = PostgresNumeric.unscaled(value, scale: scale), DecimalMath.fits(unscaled, precision: precision) else { return false }
            builder.append(unscaled: unscaled)
        case .string, .binary:
            builder.append(bytes: value)
        case .array(let element):
            guard let items = PostgresArrayDecoder.elements(value, decode: { append($0, of: element, to: &$1) }, element: element) else { return false }
            builder.append(.array(items))
        case .date:
            guard value.count == 4 else { return false }
            let days = value.bigEndian(Int32.self, at: 0)
            guard days != .max, days != .min else { return false }
            builder.append(days + PostgresTypes.epochDays)
        case .timestamp:
            guard value.count == 8 else { return false }
            let micros = value.bigEndian(Int64.self, at: 0)
            guard micros != .max, micros != .min else { return false }
            builder.append(micros + PostgresTypes.epochMicros)
        default:
            return false
        }
        return true
    }

    /// Why `value` was not appended: PostgreSQL's infinite dates and timestamps have no
    /// engine value; anything else is not the wire format asked for.
    private static func rejected(_ value: UnsafeRawBufferPointer, field: Field) -> SluiceError {
        let infinite = switch field.type {
        case .date: value.count == 4
        case .timestamp: value.count == 8
        default: false
        }
        guard infinite else { return malformed(field) }
        return SluiceError(.malformedData, "column '\(field.name)' holds 'infinity', which a \(field.type) cannot hold",
                           hint: "filter such rows out in a `query`, or map them to a value there")
    }

    private static func malformed(_ field: Field) -> SluiceError {
        SluiceError(.malformedData, "PostgreSQL sent a value of column '\(field.name)' that is not a \(field.type)")
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian integer at `offset` (no alignment needed); the caller checks the bounds.
    @inline(__always)
    func bigEndian<Value: FixedWidthInteger>(_: Value.Type, at offset: Int) -> Value {
        Value(bigEndian: loadUnaligned(fromByteOffset: offset, as: Value.self))
    }
}
