import SluiceEngine
import SluiceSpec

/// How PostgreSQL types map onto the engine's types, and the cast that makes the server send
/// each in the one binary format the reader decodes.
///
/// smallint and integer → int32; bigint → int64; real, double precision and numeric →
/// float64 (numeric is interim, until the engine has a decimal type: values beyond a
/// double's 15–17 significant digits are rounded); text, varchar, char, name, uuid, json,
/// jsonb, citext and enums → string; date → date; timestamp with and without time zone →
/// timestamp (a timestamp without time zone is taken as UTC); boolean → boolean. Domains map
/// as their base type. Anything else (bytea, arrays, intervals, geometric types, ...) is an
/// error naming the column.
enum PostgresTypes {
    /// The engine type and the cast (nil: the server's binary format is already the one
    /// decoded) of a column whose type, or domain base type, has `oid`.
    static func mapping(oid: Int64, typeName: String, typeKind: String) -> (type: DataType, cast: String?)? {
        switch oid {
        case 16: return (.boolean, nil)
        case 21: return (.int32, "int4")
        case 23: return (.int32, nil)
        case 20: return (.int64, nil)
        case 700, 1700: return (.float64, "float8")
        case 701: return (.float64, nil)
        case 25: return (.string, nil)
        case 18, 19, 114, 1042, 1043, 2950, 3802: return (.string, "text")
        case 1082: return (.date, nil)
        case 1114, 1184: return (.timestamp, nil)
        default:
            if typeKind == "e" || typeName == "citext" { return (.string, "text") }
            return nil
        }
    }

    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01, where its binary dates count from.
    static let epochDays: Int32 = 10_957
    /// Microseconds from 1970-01-01 to 2000-01-01, where its binary timestamps count from.
    static let epochMicros: Int64 = 946_684_800_000_000

    /// Whether a column whose type has `oid` takes values of `type` in the binary format the
    /// loader writes them in (`columnType(type)` always does).
    static func takesBinary(_ type: DataType, columnTypeOID oid: Int64) -> Bool {
        switch type {
        case .boolean: oid == 16
        case .int32: oid == 23
        case .int64: oid == 20
        case .float64: oid == 701
        case .string: oid == 25 || oid == 1043
        case .date: oid == 1082
        case .timestamp: oid == 1184 || oid == 1114
        }
    }

    /// The column type `CREATE TABLE` gives a field of `type`.
    static func columnType(_ type: DataType) -> String {
        switch type {
        case .boolean: "boolean"
        case .int32: "integer"
        case .int64: "bigint"
        case .float64: "double precision"
        case .string: "text"
        case .date: "date"
        case .timestamp: "timestamp with time zone"
        }
    }

    /// The error for a column the engine cannot hold.
    static func unsupported(column: String, sqlType: String, origin: ConfigOrigin?) -> SluiceError {
        SluiceError(
            .unsupported, "column '\(column)' has the PostgreSQL type \(sqlType), which Sluice cannot read yet",
            location: origin?.location, jsonPath: origin?.jsonPath,
            hint: "read it through a `query` that casts it (`SELECT \(column)::text ...`) or leaves it out; "
                + "readable types: boolean, smallint, integer, bigint, real, double precision, numeric, text, varchar, "
                + "char, uuid, json, jsonb, enums, date, timestamp, timestamptz")
    }
}
