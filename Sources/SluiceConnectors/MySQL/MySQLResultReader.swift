import CMariaDB
import SluiceEngine
import SluiceSpec

/// Fetches the rows of an executed statement into column builders, one bound buffer per
/// column in the C type its engine type is read as (libmariadb converts: DECIMAL to its
/// text, TINYINT to int, DATETIME to `MYSQL_TIME`). Blocking: use inside `MySQLConnection.run`.
final class MySQLResultReader: @unchecked Sendable {
    private let statement: MySQLStatement
    private let schema: Schema
    private let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let nulls: UnsafeMutablePointer<my_bool>
    private let lengths: UnsafeMutablePointer<UInt>
    private let errors: UnsafeMutablePointer<my_bool>
    private var buffers: [UnsafeMutableRawPointer] = []
    private static let stringBuffer = 256
    private static let fixedBuffer = max(16, MemoryLayout<MYSQL_TIME>.size)

    init(statement: MySQLStatement, schema: Schema) throws(SluiceError) {
        self.statement = statement
        self.schema = schema
        let count = max(1, schema.fields.count)
        binds = .allocate(capacity: count)
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        nulls = .allocate(capacity: count)
        nulls.initialize(repeating: 0, count: count)
        lengths = .allocate(capacity: count)
        lengths.initialize(repeating: 0, count: count)
        errors = .allocate(capacity: count)
        errors.initialize(repeating: 0, count: count)
        for (index, field) in schema.fields.enumerated() {
            let size = field.type.physical == .bytes || field.type.isDecimal ? Self.stringBuffer : Self.fixedBuffer
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            buffers.append(buffer)
            var bind = MYSQL_BIND()
            bind.buffer = buffer
            bind.buffer_length = UInt(size)
            bind.is_null = nulls + index
            bind.length = lengths + index
            bind.error = errors + index
            switch field.type {
            case .boolean: bind.buffer_type = MYSQL_TYPE_TINY
            case .int8, .int16, .int32: bind.buffer_type = MYSQL_TYPE_LONG
            case .int64: bind.buffer_type = MYSQL_TYPE_LONGLONG
            case .float32, .float64: bind.buffer_type = MYSQL_TYPE_DOUBLE
            case .string, .decimal: bind.buffer_type = MYSQL_TYPE_STRING
            case .binary: bind.buffer_type = MYSQL_TYPE_BLOB
            case .date: bind.buffer_type = MYSQL_TYPE_DATE
            case .timestamp, .timestampNTZ: bind.buffer_type = MYSQL_TYPE_DATETIME
            case .array, .map, .struct: preconditionFailure("MySQL columns never map to nested types")
            }
            binds[index] = bind
        }
        guard mysql_stmt_bind_result(statement.handle, binds) == 0 else { throw statement.error() }
    }

    deinit {
        buffers.forEach { $0.deallocate() }
        binds.deallocate()
        nulls.deallocate()
        lengths.deallocate()
        errors.deallocate()
    }

    /// Closes the statement read from.
    func close() {
        statement.close()
    }

    /// Fetches up to `limit` rows into a batch; nil at the end of the result.
    func next(limit: Int) throws(SluiceError) -> RecordBatch? {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: min(limit, 4096)) }
        var rows = 0
        while rows < limit {
            let status = mysql_stmt_fetch(statement.handle)
            if status == MYSQL_NO_DATA { break }
            guard status == 0 || status == MYSQL_DATA_TRUNCATED else { throw statement.error() }
            for index in builders.indices { try append(index, to: &builders[index]) }
            rows += 1
        }
        guard rows > 0 else { return nil }
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    private func append(_ index: Int, to builder: inout ColumnBuilder) throws(SluiceError) {
        if nulls[index] != 0 {
            builder.appendNull()
            return
        }
        let buffer = buffers[index]
        switch schema.fields[index].type {
        case .boolean: builder.append(buffer.load(as: Int8.self) != 0)
        case .int8, .int16, .int32, .int64:
            // libmariadb flags an integer that does not fit the bound type (BIGINT UNSIGNED above 2^63-1).
            guard errors[index] == 0 else {
                throw SluiceError(.malformedData, "a value of column '\(schema.fields[index].name)' does not fit a \(schema.fields[index].type)",
                                  hint: "read it through a `query` that converts it (`CAST(col AS CHAR)` or `CAST(col AS DOUBLE)`)")
            }
            if schema.fields[index].type.physical == .int32 {
                builder.append(buffer.load(as: Int32.self))
            } else {
                builder.append(buffer.load(as: Int64.self))
            }
        case .float32, .float64: builder.append(buffer.load(as: Double.self))
        case .date:
            guard let days = MySQLTime.days(buffer.load(as: MYSQL_TIME.self)) else { builder.appendNull(); return }
            builder.append(Int32(days))
        case .timestamp, .timestampNTZ:
            guard let micros = MySQLTime.micros(buffer.load(as: MYSQL_TIME.self)) else { builder.appendNull(); return }
            builder.append(micros)
        case .array, .map, .struct:
            preconditionFailure("MySQL columns never map to nested types")
        case .decimal(let precision, let scale):
            let text = UnsafeRawBufferPointer(start: buffer, count: min(Int(lengths[index]), Self.stringBuffer))
            guard let value = DecimalMath.parse(utf8: text, precision: precision, scale: scale) else {
                throw SluiceError(.malformedData, "a value of column '\(schema.fields[index].name)' does not fit a \(schema.fields[index].type)",
                                  hint: "read it through a `query` that converts it (`CAST(col AS CHAR)` or `CAST(col AS DOUBLE)`)")
            }
            builder.append(unscaled: value)
        case .string, .binary:
            let length = Int(lengths[index])
            if length <= Self.stringBuffer {
                builder.append(bytes: UnsafeRawBufferPointer(start: buffer, count: length))
                return
            }
            // Longer than the bound buffer: fetch the whole value into a buffer of its size.
            let whole = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 8)
            defer { whole.deallocate() }
            var bind = binds[index]
            bind.buffer = whole
            bind.buffer_length = UInt(length)
            guard mysql_stmt_fetch_column(statement.handle, &bind, UInt32(index), 0) == 0 else { throw statement.error() }
            builder.append(bytes: UnsafeRawBufferPointer(start: whole, count: length))
        }
    }
}
