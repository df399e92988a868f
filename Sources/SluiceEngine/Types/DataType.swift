/// The logical type of a column, with Spark SQL's names.
///
/// Several logical types share one physical buffer (see `PhysicalKind`): the small integers
/// live in `Int32` buffers, `float32` in `Double` buffers, `binary` next to `string` as
/// offsets plus bytes, and every decimal as unscaled `Int128` values. Arrays and maps are
/// offsets into a child column (a map's child is a struct of `key` and `value`); a struct
/// is one child column per field.
public indirect enum DataType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    /// TINYINT.
    case int8
    /// SMALLINT.
    case int16
    case int32
    case int64
    /// FLOAT (single precision; held in a double buffer, so values are exact).
    case float32
    case float64
    /// DECIMAL(precision, scale): up to 38 digits, `scale` of them after the point.
    case decimal(precision: Int, scale: Int)
    case string
    /// Raw bytes.
    case binary
    /// Days since 1970-01-01, stored as `Int32`.
    case date
    /// An instant: microseconds since 1970-01-01T00:00:00Z, stored as `Int64`.
    case timestamp
    /// A wall-clock date and time without a time zone (TIMESTAMP_NTZ): microseconds since
    /// 1970-01-01T00:00:00 in no zone, stored as `Int64`.
    case timestampNTZ
    /// ARRAY<element>: a list of values of one type per row.
    case array(DataType)
    /// MAP<key, value>: a list of key-value pairs per row.
    case map(key: DataType, value: DataType)
    /// STRUCT<name: type, ...>: named fields per row.
    case `struct`([Field])

    /// The largest decimal precision, as in Spark.
    public static let maxDecimalPrecision = 38

    /// The Spark SQL name (`BOOLEAN`, `TINYINT`, `INT`, `DECIMAL(10,2)`, `TIMESTAMP_NTZ`, ...).
    public var sqlName: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int8: "TINYINT"
        case .int16: "SMALLINT"
        case .int32: "INT"
        case .int64: "BIGINT"
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        case .string: "STRING"
        case .binary: "BINARY"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .timestampNTZ: "TIMESTAMP_NTZ"
        case .array(let element): "ARRAY<\(element.sqlName)>"
        case .map(let key, let value): "MAP<\(key.sqlName), \(value.sqlName)>"
        case .struct(let fields):
            "STRUCT<" + fields.map { "\(DataType.quotedIfNeeded($0.name)): \($0.type.sqlName)" }.joined(separator: ", ") + ">"
        }
    }

    /// A field name as DDL writes it: backquoted when it is not a plain identifier.
    static func quotedIfNeeded(_ name: String) -> String {
        let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !name.first!.isNumber
        return plain ? name : "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// Whether this is an array, map or struct.
    public var isNested: Bool {
        switch self {
        case .array, .map, .struct: true
        default: false
        }
    }

    /// The child type a map stores its entries as: STRUCT<key, value>.
    public static func mapEntry(key: DataType, value: DataType) -> DataType {
        .struct([Field("key", key, nullable: false), Field("value", value)])
    }

    public var description: String { sqlName.lowercased() }

    /// Parses a type name as Spark SQL DDL writes it (case-insensitive; `int`, `integer`,
    /// `long`, `bigint`, `double`, `string`, `varchar(20)`, `decimal(10,2)`, `bool`, ...).
    /// Nil when unknown, or when a decimal's precision or scale is out of range.
    public init?(sqlName: String) {
        if sqlName.contains("<") {
            guard let type = NestedTypeParser.parse(sqlName) else { return nil }
            self = type
            return
        }
        let name = sqlName.trimmingCharacters(in: .whitespaces).lowercased()
        let open = name.firstIndex(of: "(")
        let base = String(open.map { name[..<$0] } ?? name[...]).trimmingCharacters(in: .whitespaces)
        switch base {
        case "boolean", "bool": self = .boolean
        case "tinyint", "byte", "int8": self = .int8
        case "smallint", "short", "int16": self = .int16
        case "int", "integer", "int32": self = .int32
        case "bigint", "long", "int64": self = .int64
        case "float", "real", "float32": self = .float32
        case "double", "float64", "double precision": self = .float64
        case "decimal", "dec", "numeric":
            guard let type = DataType.decimal(parameters: open.map { String(name[$0...]) }) else { return nil }
            self = type
        case "string", "varchar", "char", "text": self = .string
        case "binary", "bytes", "bytea", "blob": self = .binary
        case "date": self = .date
        case "timestamp", "timestamp_ltz", "datetime": self = .timestamp
        case "timestamp_ntz": self = .timestampNTZ
        default: return nil
        }
    }

    /// `(p,s)`, `(p)` or nothing (Spark's default `DECIMAL(10,0)`), checked against Spark's limits.
    private static func decimal(parameters: String?) -> DataType? {
        guard let parameters else { return .decimal(precision: 10, scale: 0) }
        guard parameters.hasSuffix(")") else { return nil }
        let numbers = parameters.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(numbers.count), let precision = numbers[0], numbers.count == 1 || numbers[1] != nil else { return nil }
        let scale = numbers.count == 2 ? numbers[1]! : 0
        guard (1...maxDecimalPrecision).contains(precision), (0...precision).contains(scale) else { return nil }
        return .decimal(precision: precision, scale: scale)
    }

    /// The type names `init(sqlName:)` accepts, for error hints.
    public static let acceptedSQLNames = ["boolean", "tinyint", "smallint", "int", "bigint", "float", "double", "decimal(p,s)",
                                          "string", "binary", "date", "timestamp", "timestamp_ntz", "array<t>", "map<k,v>",
                                          "struct<name: t, ...>"]
}
