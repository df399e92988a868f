import SluiceEngine
import SluiceSpec

/// A table schema as Delta writes it (`schemaString`, Spark's StructType JSON), with the engine
/// type of each column.
public struct DeltaSchema: Sendable, Equatable {
    /// One top-level column.
    public struct Column: Sendable, Equatable {
        public var name: String
        /// The Delta type: a primitive name (`long`, `decimal(10,2)`) or a nested type's JSON.
        public var deltaType: String
        public var nullable: Bool
        /// The field's `metadata` object as JSON text (kept so rewrites preserve it).
        public var metadata: String
    }

    public var columns: [Column]

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Parses `schemaString`.
    public init(schemaString: String, table: String) throws(SluiceError) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(schemaString, file: "\(table) schema")
        } catch {
            throw SluiceError(.malformedData, "Delta table '\(table)' has an unreadable schema: \(error.message)")
        }
        guard let fields = root["fields"]?.elements else {
            throw SluiceError(.malformedData, "Delta table '\(table)' has a schema without fields")
        }
        columns = try fields.map { (field) throws(SluiceError) -> Column in
            guard let name = field["name"]?.stringValue, let type = field["type"] else {
                throw SluiceError(.malformedData, "Delta table '\(table)' has a schema field without a name or type")
            }
            let nullable: Bool
            if case .bool(let flag)? = field["nullable"]?.value { nullable = flag } else { nullable = true }
            return Column(name: name, deltaType: type.stringValue ?? type.jsonText, nullable: nullable,
                          metadata: field["metadata"]?.jsonText ?? "{}")
        }
    }

    /// The schema of an engine dataset (every column nullable, as Spark writes them).
    public init(_ schema: Schema) {
        columns = schema.fields.map { field in
            Column(name: field.name, deltaType: Self.deltaType(of: field.type), nullable: true, metadata: "{}")
        }
    }

    /// `schemaString` for the log.
    public var schemaString: String {
        let fields = columns.map { column in
            let type = column.deltaType.hasPrefix("{") ? column.deltaType : JSONNode.quote(column.deltaType)
            return "{\"name\":\(JSONNode.quote(column.name)),\"type\":\(type),\"nullable\":\(column.nullable),\"metadata\":\(column.metadata)}"
        }
        return "{\"type\":\"struct\",\"fields\":[" + fields.joined(separator: ",") + "]}"
    }

    /// The engine schema (a nested type the engine cannot hold reads as JSON text).
    public var engineSchema: Schema {
        Schema(columns.map { Field($0.name, Self.engineType(of: $0.deltaType), nullable: $0.nullable) })
    }

    static func deltaType(of type: DataType) -> String {
        switch type {
        case .boolean: "boolean"
        case .int8: "byte"
        case .int16: "short"
        case .int32: "integer"
        case .int64: "long"
        case .float32: "float"
        case .float64: "double"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .string: "string"
        case .binary: "binary"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestampNTZ: "timestamp_ntz"
        case .array(let element):
            "{\"type\":\"array\",\"elementType\":\(json(of: element)),\"containsNull\":true}"
        case .map(let key, let value):
            "{\"type\":\"map\",\"keyType\":\(json(of: key)),\"valueType\":\(json(of: value)),\"valueContainsNull\":true}"
        case .struct(let fields):
            "{\"type\":\"struct\",\"fields\":[" + fields.map { field in
                "{\"name\":\(JSONNode.quote(field.name)),\"type\":\(json(of: field.type)),\"nullable\":\(field.nullable),\"metadata\":{}}"
            }.joined(separator: ",") + "]}"
        }
    }

    /// A type inside a nested type's JSON: a quoted name, or the nested type's object.
    private static func json(of type: DataType) -> String {
        type.isNested ? deltaType(of: type) : JSONNode.quote(deltaType(of: type))
    }

    /// The engine type of a nested type's JSON; nil when it is not one the engine holds.
    static func engineType(of node: JSONNode) -> DataType? {
        if let name = node.stringValue { return engineType(of: name) }
        switch node["type"]?.stringValue {
        case "array":
            return node["elementType"].flatMap(engineType(of:)).map { .array($0) }
        case "map":
            guard let key = node["keyType"].flatMap(engineType(of:)), let value = node["valueType"].flatMap(engineType(of:)) else { return nil }
            return .map(key: key, value: value)
        case "struct":
            var fields: [Field] = []
            for field in node["fields"]?.elements ?? [] {
                guard let name = field["name"]?.stringValue, let type = field["type"].flatMap(engineType(of:)) else { return nil }
                var nullable = true
                if case .bool(let flag)? = field["nullable"]?.value { nullable = flag }
                fields.append(Field(name, type, nullable: nullable))
            }
            return .struct(fields)
        default: return nil
        }
    }

    static func engineType(of deltaType: String) -> DataType {
        switch deltaType {
        case "boolean": .boolean
        case "byte": .int8
        case "short": .int16
        case "integer": .int32
        case "long": .int64
        case "float": .float32
        case "double": .float64
        case "binary": .binary
        case "date": .date
        case "timestamp": .timestamp
        case "timestamp_ntz": .timestampNTZ
        case _ where deltaType.hasPrefix("decimal"): DataType(sqlName: deltaType) ?? .string
        case _ where deltaType.hasPrefix("{"):
            (try? JSONParser.parse(deltaType, file: "schema")).flatMap(engineType(of:)) ?? .string
        default: .string
        }
    }
}
