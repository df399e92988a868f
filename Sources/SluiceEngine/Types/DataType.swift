/// The logical type of a column.
///
/// This is the skeleton's set; the columnar engine grows it (int8/16, float32, decimal,
/// binary, nested types) without changing the shape.
public enum DataType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case boolean
    case int32
    case int64
    case float64
    case string
    /// Days since 1970-01-01, stored as `Int32`.
    case date
    /// Microseconds since 1970-01-01T00:00:00Z, stored as `Int64`.
    case timestamp

    /// The Spark SQL name (`BOOLEAN`, `INT`, `BIGINT`, `DOUBLE`, `STRING`, `DATE`, `TIMESTAMP`).
    public var sqlName: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT"
        case .int64: "BIGINT"
        case .float64: "DOUBLE"
        case .string: "STRING"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        }
    }

    public var description: String { sqlName.lowercased() }

    /// Parses a type name as Spark SQL DDL writes it (case-insensitive; `int`, `integer`,
    /// `long`, `bigint`, `double`, `string`, `varchar`, `bool`, ...). Nil when unknown.
    public init?(sqlName: String) {
        let name = sqlName.trimmingCharacters(in: .whitespaces).lowercased()
        let base = name.split(separator: "(").first.map(String.init) ?? name
        switch base {
        case "boolean", "bool": self = .boolean
        case "int", "integer", "int32", "smallint", "short", "tinyint", "byte": self = .int32
        case "bigint", "long", "int64": self = .int64
        case "double", "float", "real", "float64", "float32": self = .float64
        case "string", "varchar", "char", "text": self = .string
        case "date": self = .date
        case "timestamp", "timestamp_ltz", "timestamp_ntz", "datetime": self = .timestamp
        default: return nil
        }
    }

    /// The type names `init(sqlName:)` accepts, for error hints.
    public static let acceptedSQLNames = ["boolean", "int", "bigint", "double", "string", "date", "timestamp"]
}

import Foundation
