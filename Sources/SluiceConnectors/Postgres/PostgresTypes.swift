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

    /// The column type `CREATE TABLE` gives a field of `type`.
    static func columnType(_ type: DataType) -> String {
        switch type {
        case .boolean: "boolean"
        case .int8, .int16: "smallint"
        case .int32: "integer"
        case .int64: "bigint"
        case .float32: "real"
        case .float64: "double precision"
        case .decimal(let precision, let scale): "numeric(\(precision),\(scale))"
        case .string: "text"
        case .binary: "bytea"
        case .date: "date"
        case .timestamp: "timestamp with time zone"
        case .timestampNTZ: "timestamp without time zone"
        case .array(let element) where !element.isNested || element.physical == .list: columnType(element) + "[]"
        case .array, .map, .struct: "jsonb"
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
