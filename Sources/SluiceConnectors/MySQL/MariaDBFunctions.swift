import CMariaDB

// The MariaDB client functions the connector calls, under the library's own names: each one
// calls the function loaded by `MariaDBLibrary` (declarations in this module come before the
// C ones of the same name). `MariaDBLibrary.require` runs before the first connection.

typealias MariaDBText = UnsafePointer<CChar>

func mysql_init(_ mysql: UnsafeMutablePointer<MYSQL>?) -> UnsafeMutablePointer<MYSQL>! {
    MariaDBLibrary.functions.initialize(mysql)
}

@discardableResult
func mysql_options(_ mysql: UnsafeMutablePointer<MYSQL>?, _ option: mysql_option, _ value: UnsafeRawPointer?) -> Int32 {
    MariaDBLibrary.functions.options(mysql, option, value)
}

func mysql_real_connect(_ mysql: UnsafeMutablePointer<MYSQL>?, _ host: MariaDBText?, _ user: MariaDBText?, _ password: MariaDBText?,
                        _ database: MariaDBText?, _ port: UInt32, _ socket: MariaDBText?, _ flags: UInt) -> UnsafeMutablePointer<MYSQL>! {
    MariaDBLibrary.functions.realConnect(mysql, host, user, password, database, port, socket, flags)
}

func mysql_close(_ mysql: UnsafeMutablePointer<MYSQL>?) { MariaDBLibrary.functions.close(mysql) }

func mysql_errno(_ mysql: UnsafeMutablePointer<MYSQL>?) -> UInt32 { MariaDBLibrary.functions.errno(mysql) }

func mysql_error(_ mysql: UnsafeMutablePointer<MYSQL>?) -> MariaDBText! { MariaDBLibrary.functions.error(mysql) }

func mysql_sqlstate(_ mysql: UnsafeMutablePointer<MYSQL>?) -> MariaDBText! { MariaDBLibrary.functions.sqlstate(mysql) }

func mysql_get_ssl_cipher(_ mysql: UnsafeMutablePointer<MYSQL>?) -> MariaDBText! { MariaDBLibrary.functions.sslCipher(mysql) }

func mysql_set_character_set(_ mysql: UnsafeMutablePointer<MYSQL>?, _ name: MariaDBText?) -> Int32 {
    MariaDBLibrary.functions.setCharacterSet(mysql, name)
}

func mysql_real_query(_ mysql: UnsafeMutablePointer<MYSQL>?, _ query: MariaDBText?, _ length: UInt) -> Int32 {
    MariaDBLibrary.functions.realQuery(mysql, query, length)
}

func mysql_store_result(_ mysql: UnsafeMutablePointer<MYSQL>?) -> UnsafeMutablePointer<MYSQL_RES>! {
    MariaDBLibrary.functions.storeResult(mysql)
}

func mysql_free_result(_ result: UnsafeMutablePointer<MYSQL_RES>?) { MariaDBLibrary.functions.freeResult(result) }

func mysql_num_fields(_ result: UnsafeMutablePointer<MYSQL_RES>?) -> UInt32 { MariaDBLibrary.functions.numFields(result) }

func mysql_fetch_fields(_ result: UnsafeMutablePointer<MYSQL_RES>?) -> UnsafeMutablePointer<MYSQL_FIELD>! {
    MariaDBLibrary.functions.fetchFields(result)
}

func mysql_stmt_init(_ mysql: UnsafeMutablePointer<MYSQL>?) -> UnsafeMutablePointer<MYSQL_STMT>! {
    MariaDBLibrary.functions.statementInit(mysql)
}

func mysql_stmt_prepare(_ statement: UnsafeMutablePointer<MYSQL_STMT>?, _ query: MariaDBText?, _ length: UInt) -> Int32 {
    MariaDBLibrary.functions.statementPrepare(statement, query, length)
}

@discardableResult
func mysql_stmt_attr_set(_ statement: UnsafeMutablePointer<MYSQL_STMT>?, _ attribute: enum_stmt_attr_type,
                         _ value: UnsafeRawPointer?) -> my_bool {
    MariaDBLibrary.functions.statementAttributeSet(statement, attribute, value)
}

func mysql_stmt_bind_param(_ statement: UnsafeMutablePointer<MYSQL_STMT>?, _ binds: UnsafeMutablePointer<MYSQL_BIND>?) -> my_bool {
    MariaDBLibrary.functions.statementBindParameters(statement, binds)
}

func mysql_stmt_bind_result(_ statement: UnsafeMutablePointer<MYSQL_STMT>?, _ binds: UnsafeMutablePointer<MYSQL_BIND>?) -> my_bool {
    MariaDBLibrary.functions.statementBindResult(statement, binds)
}

func mysql_stmt_execute(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> Int32 { MariaDBLibrary.functions.statementExecute(statement) }

func mysql_stmt_fetch(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> Int32 { MariaDBLibrary.functions.statementFetch(statement) }

func mysql_stmt_fetch_column(_ statement: UnsafeMutablePointer<MYSQL_STMT>?, _ bind: UnsafeMutablePointer<MYSQL_BIND>?,
                             _ column: UInt32, _ offset: UInt) -> Int32 {
    MariaDBLibrary.functions.statementFetchColumn(statement, bind, column, offset)
}

func mysql_stmt_result_metadata(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> UnsafeMutablePointer<MYSQL_RES>! {
    MariaDBLibrary.functions.statementResultMetadata(statement)
}

func mysql_stmt_affected_rows(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> UInt64 {
    MariaDBLibrary.functions.statementAffectedRows(statement)
}

func mysql_stmt_errno(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> UInt32 { MariaDBLibrary.functions.statementErrno(statement) }

func mysql_stmt_error(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> MariaDBText! { MariaDBLibrary.functions.statementError(statement) }

func mysql_stmt_sqlstate(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> MariaDBText! {
    MariaDBLibrary.functions.statementSQLState(statement)
}

@discardableResult
func mysql_stmt_close(_ statement: UnsafeMutablePointer<MYSQL_STMT>?) -> my_bool { MariaDBLibrary.functions.statementClose(statement) }
