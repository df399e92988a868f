import SluiceEngine
import SluiceSpec

/// How PostgreSQL types map onto the engine's types, and the cast that makes the server send
/// each in the one binary format the reader decodes.
///
/// smallint → smallint; integer → int; bigint → bigint; real → float; double precision →
/// double; numeric(p,s) → decimal(p,s) (an unconstrained numeric → decimal(38,18), as Spark
/// reads it; more than 38 digits → decimal(38, s)); text, varchar, char, name, uuid, json, jsonb,
/// citext and enums → string; bytea → binary; date → date; timestamp with and without time
/// zone → timestamp (a timestamp without time zone is taken as UTC); boolean → boolean;
/// one-dimensional arrays of these → arrays. Domains map as their base type. Anything else
/// (intervals, geometric types, multi-dimensional arrays, ...) is an error naming the column.
enum PostgresTypes {
    /// The engine type and the cast (nil: the server's binary format is already the one
    /// decoded) of a column whose type, or domain base type, has `oid`; `typmod` is the
    /// column's type modifier (a numeric's precision and scale), `element` an array's element type.
    static func mapping(oid: Int64, typeName: String, typeKind: String, typmod: Int32 = -1,
                        element: (oid: Int64, typeName: String, typeKind: String)? = nil) -> (type: DataType, cast: String?)? {
        switch oid {
        case 16: return (.boolean, nil)
        case 21: return (.int16, nil)
        case 23: return (.int32, nil)
        case 20: return (.int64, nil)
        case 700: return (.float32, nil)
        case 701: return (.float64, nil)
        case 1700: return (numericType(typmod), nil)
        case 25: return (.string, nil)
        case 17: return (.binary, nil)
        case 18, 19, 114, 1042, 1043, 2950, 3802: return (.string, "text")
        case 1082: return (.date, nil)
        case 1114, 1184: return (.timestamp, nil)
        default:
            if typeKind == "e" || typeName == "citext" { return (.string, "text") }
            // An array (its type name starts with `_`) of a mappable element; arrays of arrays are refused.
            if typeName.hasPrefix("_"), let element, !element.typeName.hasPrefix("_"),
               let (elementType, elementCast) = mapping(oid: element.oid, typeName: element.typeName, typeKind: element.typeKind, typmod: typmod) {
                return (.array(elementType), elementCast.map { $0 + "[]" })
            }
            return nil
        }
    }

    /// numeric(p,s) from its type modifier: `((p << 16) | s) + 4`, or -1 when unconstrained.
    static func numericType(_ typmod: Int32) -> DataType {
        guard typmod >= 4 else { return .decimal(precision: 38, scale: 18) }
        let precision = Int((typmod - 4) >> 16) & 0xFFFF
        let scale = Int(Int16(truncatingIfNeeded: (typmod - 4) & 0xFFFF))
        let capped = min(max(precision, 1), DataType.maxDecimalPrecision)
        return .decimal(precision: capped, scale: min(max(scale, 0), capped))
    }

    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01, where its binary dates count from.
    static let epochDays: Int32 = 10_957
    /// Microseconds from 1970-01-01 to 2000-01-01, where its binary timestamps count from.
    static let epochMicros: Int64 = 946_684_800_000_000

    /// Whether values of `type` have a binary COPY encoding (`PostgresCopyEncoder.appendBinary`);
    /// the others are copied as text.
    static func copiesInBinary(_ type: DataType) -> Bool {
        [.boolean, .int32, .int64, .float64, .string, .date, .timestamp].contains(type)
    }

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
        default: false
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
                + "readable types: boolean, smallint, integer, bigint, real, double precision, numeric, text, varchar, bytea, "
                + "char, uuid, json, jsonb, enums, date, timestamp, timestamptz")
    }
}
