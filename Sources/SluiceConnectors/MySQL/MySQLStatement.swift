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
