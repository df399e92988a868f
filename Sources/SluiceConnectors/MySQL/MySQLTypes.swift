import CMariaDB
import SluiceEngine
import SluiceSpec

/// How MySQL and MariaDB column types map onto the engine's types.
///
/// TINYINT(1) and BOOLEAN → boolean; other TINYINT → tinyint (unsigned: smallint);
/// SMALLINT → smallint (unsigned: int); MEDIUMINT, YEAR and signed INT → int; unsigned INT
/// and BIGINT → bigint; BIGINT UNSIGNED → decimal(20,0), as Spark reads it; FLOAT
/// → float; DOUBLE → double; DECIMAL(p,s) → decimal(p,s) (a precision above 38 is capped
/// at 38, and a value that does not fit is an error); CHAR, VARCHAR, TEXT, ENUM, SET and JSON
/// → string; BINARY, VARBINARY and BLOB → binary; DATE → date; DATETIME and TIMESTAMP →
/// timestamp (read in UTC). BIT, TIME and spatial types are errors naming the column.
enum MySQLTypes {
    /// The charset number libmariadb reports for binary strings.
    private static let binaryCharset: UInt32 = 63

    /// The engine type of a result column, or nil when the engine cannot hold it.
    static func dataType(of field: MYSQL_FIELD) -> DataType? {
        let unsigned = field.flags & UInt32(UNSIGNED_FLAG) != 0
        switch field.type {
        case MYSQL_TYPE_TINY: return field.length == 1 ? .boolean : unsigned ? .int16 : .int8
        case MYSQL_TYPE_SHORT: return unsigned ? .int32 : .int16
        case MYSQL_TYPE_INT24, MYSQL_TYPE_YEAR: return .int32
        case MYSQL_TYPE_LONG: return unsigned ? .int64 : .int32
        case MYSQL_TYPE_LONGLONG: return unsigned ? .decimal(precision: 20, scale: 0) : .int64
        case MYSQL_TYPE_FLOAT: return .float32
        case MYSQL_TYPE_DOUBLE: return .float64
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL:
            // The display length counts the sign and the point.
            let scale = Int(field.decimals)
            let precision = Int(field.length) - (scale > 0 ? 1 : 0) - (unsigned ? 0 : 1)
            let capped = min(max(precision, 1), DataType.maxDecimalPrecision)
            return .decimal(precision: capped, scale: min(scale, capped))
        case MYSQL_TYPE_VARCHAR, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_STRING, MYSQL_TYPE_ENUM, MYSQL_TYPE_SET, MYSQL_TYPE_JSON,
             MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB:
            return field.charsetnr == binaryCharset && field.type != MYSQL_TYPE_JSON ? .binary : .string
        case MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE: return .date
        case MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP: return .timestamp
        default: return nil
        }
    }

    /// The type's name for messages.
    static func name(of field: MYSQL_FIELD) -> String {
        let binary = field.charsetnr == binaryCharset
        switch field.type {
        case MYSQL_TYPE_TINY: return "tinyint"
        case MYSQL_TYPE_SHORT: return "smallint"
        case MYSQL_TYPE_INT24: return "mediumint"
        case MYSQL_TYPE_LONG: return "int"
        case MYSQL_TYPE_LONGLONG: return "bigint"
        case MYSQL_TYPE_YEAR: return "year"
        case MYSQL_TYPE_FLOAT: return "float"
        case MYSQL_TYPE_DOUBLE: return "double"
        case MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL: return "decimal"
        case MYSQL_TYPE_VARCHAR, MYSQL_TYPE_VAR_STRING: return binary ? "varbinary" : "varchar"
        case MYSQL_TYPE_STRING: return binary ? "binary" : "char"
        case MYSQL_TYPE_TINY_BLOB, MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB, MYSQL_TYPE_BLOB: return binary ? "blob" : "text"
        case MYSQL_TYPE_BIT: return "bit"
        case MYSQL_TYPE_TIME: return "time"
        case MYSQL_TYPE_GEOMETRY: return "geometry"
        case MYSQL_TYPE_NULL: return "null"
        default: return "type \(field.type.rawValue)"
        }
    }

    /// The column type `CREATE TABLE` gives a field of `type`.
    static func columnType(_ type: DataType) -> String {
        switch type {
        case .boolean: "BOOLEAN"
        case .int8: "TINYINT"
        case .int16: "SMALLINT"
        case .int32: "INT"
        case .int64: "BIGINT"
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        case .string: "LONGTEXT"
        case .binary: "LONGBLOB"
        case .date: "DATE"
        case .timestamp, .timestampNTZ: "DATETIME(6)"
        case .array, .map, .struct: "JSON"
        }
    }

    /// The error for a column the engine cannot hold.
    static func unsupported(column: String, sqlType: String, origin: ConfigOrigin?) -> SluiceError {
        SluiceError(
            .unsupported, "column '\(column)' has the MySQL type \(sqlType), which Sluice cannot read yet",
            location: origin?.location, jsonPath: origin?.jsonPath,
            hint: "read it through a `query` that converts it (`SELECT CAST(\(column) AS CHAR) ...`) or leaves it out; "
                + "readable types: tinyint(1)/boolean, integers, float, double, decimal, char, varchar, text, enum, set, "
                + "json, date, datetime, timestamp")
    }
}
