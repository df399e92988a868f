import CMariaDB
#if canImport(Glibc)
import Glibc
#endif
import SluiceSpec

/// The MariaDB client library (libmariadb), loaded when a MySQL step first connects instead of
/// when Sluice starts: runs without MySQL steps neither pay for loading it and the TLS
/// libraries it needs, nor need it installed. The functions below stand in for the library's
/// own under the same names, so the connector calls them as it would call the library.
struct MariaDBLibrary: @unchecked Sendable {
    typealias Connection = UnsafeMutablePointer<MYSQL>
    typealias Statement = UnsafeMutablePointer<MYSQL_STMT>
    typealias Result = UnsafeMutablePointer<MYSQL_RES>
    typealias Text = UnsafePointer<CChar>

    let initialize: @convention(c) (Connection?) -> Connection?
    let options: @convention(c) (Connection?, mysql_option, UnsafeRawPointer?) -> Int32
    let realConnect: @convention(c) (Connection?, Text?, Text?, Text?, Text?, UInt32, Text?, UInt) -> Connection?
    let close: @convention(c) (Connection?) -> Void
    let errno: @convention(c) (Connection?) -> UInt32
    let error: @convention(c) (Connection?) -> Text?
    let sqlstate: @convention(c) (Connection?) -> Text?
    let sslCipher: @convention(c) (Connection?) -> Text?
    let setCharacterSet: @convention(c) (Connection?, Text?) -> Int32
    let realQuery: @convention(c) (Connection?, Text?, UInt) -> Int32
    let storeResult: @convention(c) (Connection?) -> Result?
    let freeResult: @convention(c) (Result?) -> Void
    let numFields: @convention(c) (Result?) -> UInt32
    let fetchFields: @convention(c) (Result?) -> UnsafeMutablePointer<MYSQL_FIELD>?
    let statementInit: @convention(c) (Connection?) -> Statement?
    let statementPrepare: @convention(c) (Statement?, Text?, UInt) -> Int32
    let statementAttributeSet: @convention(c) (Statement?, enum_stmt_attr_type, UnsafeRawPointer?) -> my_bool
    let statementBindParameters: @convention(c) (Statement?, UnsafeMutablePointer<MYSQL_BIND>?) -> my_bool
    let statementBindResult: @convention(c) (Statement?, UnsafeMutablePointer<MYSQL_BIND>?) -> my_bool
    let statementExecute: @convention(c) (Statement?) -> Int32
    let statementFetch: @convention(c) (Statement?) -> Int32
    let statementFetchColumn: @convention(c) (Statement?, UnsafeMutablePointer<MYSQL_BIND>?, UInt32, UInt) -> Int32
    let statementResultMetadata: @convention(c) (Statement?) -> Result?
    let statementAffectedRows: @convention(c) (Statement?) -> UInt64
    let statementErrno: @convention(c) (Statement?) -> UInt32
    let statementError: @convention(c) (Statement?) -> Text?
    let statementSQLState: @convention(c) (Statement?) -> Text?
    let statementClose: @convention(c) (Statement?) -> my_bool

    /// The file names tried, in order: the runtime package's, then the development symlink.
    static let fileNames = ["libmariadb.so.3", "libmariadb.so"]

    /// The library, or why it could not be loaded; loaded on first use.
    private static let loaded: Swift.Result<MariaDBLibrary, SluiceError> = load(from: fileNames)

    /// The library's functions; `require` must have succeeded first.
    static var functions: MariaDBLibrary {
        guard case .success(let library) = loaded else { preconditionFailure("MariaDBLibrary.require was not called") }
        return library
    }

    /// Loads the library, or reports what to install.
    static func require(action: String, origin: ConfigOrigin?) throws(SluiceError) {
        if case .failure(let error) = loaded {
            throw SluiceError(error.code, "\(action): \(error.message)", location: origin?.location, jsonPath: origin?.jsonPath, hint: error.hint)
        }
    }

    /// The library from the first of `names` that loads, with every function the connector uses.
    static func load(from names: [String]) -> Swift.Result<MariaDBLibrary, SluiceError> {
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(SluiceError(.unsupported, "the MariaDB client library (\(names.joined(separator: " or "))) is not installed",
                                        hint: "install it (Debian and Ubuntu: apt-get install libmariadb3) to read or load MySQL and MariaDB"))
        }
        func symbol<Function>(_ name: String) throws(SluiceError) -> Function {
            guard let address = dlsym(handle, name) else {
                throw SluiceError(.unsupported, "the MariaDB client library lacks \(name)",
                                  hint: "install MariaDB Connector/C 3 (Debian and Ubuntu: apt-get install libmariadb3)")
            }
            return unsafeBitCast(address, to: Function.self)
        }
        do throws(SluiceError) {
            return .success(try MariaDBLibrary(
                initialize: symbol("mysql_init"), options: symbol("mysql_options"),
                realConnect: symbol("mysql_real_connect"), close: symbol("mysql_close"), errno: symbol("mysql_errno"),
                error: symbol("mysql_error"), sqlstate: symbol("mysql_sqlstate"), sslCipher: symbol("mysql_get_ssl_cipher"),
                setCharacterSet: symbol("mysql_set_character_set"), realQuery: symbol("mysql_real_query"),
                storeResult: symbol("mysql_store_result"), freeResult: symbol("mysql_free_result"),
                numFields: symbol("mysql_num_fields"), fetchFields: symbol("mysql_fetch_fields"),
                statementInit: symbol("mysql_stmt_init"), statementPrepare: symbol("mysql_stmt_prepare"),
                statementAttributeSet: symbol("mysql_stmt_attr_set"),
                statementBindParameters: symbol("mysql_stmt_bind_param"),
                statementBindResult: symbol("mysql_stmt_bind_result"), statementExecute: symbol("mysql_stmt_execute"),
                statementFetch: symbol("mysql_stmt_fetch"), statementFetchColumn: symbol("mysql_stmt_fetch_column"),
                statementResultMetadata: symbol("mysql_stmt_result_metadata"),
                statementAffectedRows: symbol("mysql_stmt_affected_rows"), statementErrno: symbol("mysql_stmt_errno"),
                statementError: symbol("mysql_stmt_error"), statementSQLState: symbol("mysql_stmt_sqlstate"),
                statementClose: symbol("mysql_stmt_close")))
        } catch {
            return .failure(error)
        }
    }
}
