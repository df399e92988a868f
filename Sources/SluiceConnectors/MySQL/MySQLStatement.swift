import CMariaDB
import SluiceEngine
import SluiceSpec

/// A prepared statement: parameters are bound values (never text in the SQL), results come
/// back in the binary protocol. Every method blocks: call them inside `MySQLConnection.run`.
final class MySQLStatement: @unchecked Sendable {
    let handle: UnsafeMutablePointer<MYSQL_STMT>
    let action: String
    let origin: ConfigOrigin?
    /// Keeps the bound parameters alive until the next `execute`.
    private var parameters: MySQLParameters?

    private init(handle: UnsafeMutablePointer<MYSQL_STMT>, action: String, origin: ConfigOrigin?) {
        self.handle = handle
        self.action = action
        self.origin = origin
    }

    /// Prepares `sql` on `connection` (blocking).
    static func prepare(_ sql: String, on connection: MySQLConnection, action: String) throws(SluiceError) -> MySQLStatement {
        guard let handle = mysql_stmt_init(connection.handle) else {
            throw MySQLConnection.error(of: connection.handle, action: action, origin: connection.origin)
        }
        let statement = MySQLStatement(handle: handle, action: action, origin: connection.origin)
        guard mysql_stmt_prepare(handle, sql, UInt(sql.utf8.count)) == 0 else {
            let error = statement.error()
            statement.close()
            throw error
        }
        return statement
    }

    /// The result columns (empty for statements that return no rows).
    func fields() -> [MYSQL_FIELD] {
        guard let metadata = mysql_stmt_result_metadata(handle) else { return [] }
        defer { mysql_free_result(metadata) }
        let count = Int(mysql_num_fields(metadata))
        guard let fields = mysql_fetch_fields(metadata) else { return [] }
        return (0..<count).map { fields[$0] }
    }

    /// Reads the result through a read-only server cursor, `prefetch` rows per round trip,
    /// so a slow consumer never holds the server's send buffer.
    func useCursor(prefetch: Int) {
        var cursor = UInt(CURSOR_TYPE_READ_ONLY.rawValue)
        var rows = UInt(prefetch)
        mysql_stmt_attr_set(handle, STMT_ATTR_CURSOR_TYPE, &cursor)
        mysql_stmt_attr_set(handle, STMT_ATTR_PREFETCH_ROWS, &rows)
    }

    /// Binds `values` to the statement's `?` placeholders, in order, and runs it.
    func execute(_ values: [ScalarValue] = []) throws(SluiceError) {
        if !values.isEmpty {
            let parameters = MySQLParameters(values)
            self.parameters = parameters
            guard mysql_stmt_bind_param(handle, parameters.binds) == 0 else { throw error() }
        }
        guard mysql_stmt_execute(handle) == 0 else { throw error() }
    }

    /// The rows affected by the last `execute`.
    var affectedRows: Int { Int(mysql_stmt_affected_rows(handle)) }

    func close() {
        mysql_stmt_close(handle)
        parameters = nil
    }

    func error() -> SluiceError {
        MySQLConnection.error(number: mysql_stmt_errno(handle), message: String(cString: mysql_stmt_error(handle)),
                              state: String(cString: mysql_stmt_sqlstate(handle)), action: action, origin: origin)
    }
}

/// Parameter values laid out for `mysql_stmt_bind_param`: one `MYSQL_BIND` per value, each
/// pointing into one buffer that lives as long as this object.
final class MySQLParameters {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let count: Int
    private let storage: UnsafeMutableRawPointer

    init(_ values: [ScalarValue]) {
        count = values.count
        binds = .allocate(capacity: max(1, count))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, count))
        let timeSize = (MemoryLayout<MYSQL_TIME>.size + 7) / 8 * 8
        var size = 0
        for value in values {
            switch value {
            case .string(let text): size += (text.utf8.count + 7) / 8 * 8
            case .date, .timestamp: size += timeSize
            default: size += 8
            }
        }
        storage = .allocate(byteCount: max(8, size), alignment: 8)
        var offset = 0
        for (index, value) in values.enumerated() {
            let slot = storage + offset
            var bind = MYSQL_BIND()
            bind.buffer = slot
            switch value {
            case .null:
                bind.buffer_type = MYSQL_TYPE_NULL
                offset += 8
            case .boolean(let flag):
                bind.buffer_type = MYSQL_TYPE_TINY
                slot.storeBytes(of: Int8(flag ? 1 : 0), as: Int8.self)
                offset += 8
            case .int32(let number):
                bind.buffer_type = MYSQL_TYPE_LONG
                slot.storeBytes(of: number, as: Int32.self)
                offset += 8
            case .int64(let number):
                bind.buffer_type = MYSQL_TYPE_LONGLONG
                slot.storeBytes(of: number, as: Int64.self)
                offset += 8
            case .float64(let number):
                bind.buffer_type = MYSQL_TYPE_DOUBLE
                slot.storeBytes(of: number, as: Double.self)
                offset += 8
            case .string(let text):
                bind.buffer_type = MYSQL_TYPE_STRING
                let length = text.utf8.count
                text.utf8.withContiguousStorageIfAvailable { bytes in
                    slot.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                } ?? Array(text.utf8).withUnsafeBytes { slot.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                bind.buffer_length = UInt(length)
                offset += (length + 7) / 8 * 8
            case .date(let days):
                bind.buffer_type = MYSQL_TYPE_DATE
                slot.storeBytes(of: MySQLTime.make(micros: Int64(days) * 86_400_000_000, date: true), as: MYSQL_TIME.self)
                offset += timeSize
            case .timestamp(let micros):
                bind.buffer_type = MYSQL_TYPE_DATETIME
                slot.storeBytes(of: MySQLTime.make(micros: micros, date: false), as: MYSQL_TIME.self)
                offset += timeSize
            }
            binds[index] = bind
        }
    }

    deinit {
        binds.deallocate()
        storage.deallocate()
    }
}

/// Conversions between the engine's days and microseconds and `MYSQL_TIME`.
enum MySQLTime {
    static func make(micros: Int64, date: Bool) -> MYSQL_TIME {
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { days -= 1; rest += 86_400_000_000 }
        let (year, month, day) = Temporal.civil(days: Int(days))
        var time = MYSQL_TIME()
        time.year = UInt32(max(0, year))
        time.month = UInt32(month)
        time.day = UInt32(day)
        time.hour = UInt32(rest / 3_600_000_000)
        time.minute = UInt32(rest / 60_000_000 % 60)
        time.second = UInt32(rest / 1_000_000 % 60)
        time.second_part = UInt(rest % 1_000_000)
        time.time_type = date ? MYSQL_TIMESTAMP_DATE : MYSQL_TIMESTAMP_DATETIME
        return time
    }

    /// Days since 1970-01-01, or nil for MySQL's zero date (`0000-00-00`).
    static func days(_ time: MYSQL_TIME) -> Int? {
        guard time.month > 0, time.day > 0 else { return nil }
        return Temporal.days(year: Int(time.year), month: Int(time.month), day: Int(time.day))
    }

    /// Microseconds since the epoch, or nil for the zero date.
    static func micros(_ time: MYSQL_TIME) -> Int64? {
        guard let days = days(time) else { return nil }
        let seconds = Int64(time.hour) * 3600 + Int64(time.minute) * 60 + Int64(time.second)
        return Int64(days) * 86_400_000_000 + seconds * 1_000_000 + Int64(time.second_part)
    }
}
