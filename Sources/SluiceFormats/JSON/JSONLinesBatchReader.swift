import Foundation
import SluiceEngine
import SluiceSpec

/// Reads JSON Lines data into batches under a known schema, resuming where the previous
/// batch stopped. Missing keys and JSON nulls are nulls; keys not in the schema are ignored.
final class JSONLinesBatchReader: @unchecked Sendable {
    private let data: Data
    private let file: String
    private let schema: Schema
    private let parseMode: ParseMode
    private var position: (offset: Int, line: Int) = (0, 1)

    init(data: Data, file: String, schema: Schema, parseMode: ParseMode) {
        self.data = data
        self.file = file
        self.schema = schema
        self.parseMode = parseMode
    }

    func next() throws -> RecordBatch? {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: 1024, dictionaryEncoded: true) }
        var rows = 0
        let file = self.file
        let parseMode = self.parseMode
        position = try JSONLines.forEachLine(in: data, file: file, from: position) { node, error, line in
            guard let node, let members = node.members else {
                switch parseMode {
                case .failFast: throw error ?? JSONLinesInference.notAnObject(node, file: file, line: line)
                case .dropMalformed: return true
                case .permissive:
                    for index in builders.indices { builders[index].appendNull() }
                    rows += 1
                    return rows < RecordBatch.preferredRowCount
                }
            }
            var values: [ScalarValue] = []
            for field in schema.fields {
                let member = members.last { $0.key == field.name }
                if let member, let value = Self.convert(member.value, to: field.type) {
                    values.append(value)
                } else if let member {
                    switch parseMode {
                    case .failFast:
                        throw SluiceError(.malformedData, "column '\(field.name)': \(member.value.jsonText) is not a \(field.type.sqlName)",
                                          location: SourceLocation(file: file, line: line, column: member.value.location.column),
                                          hint: "fix the value, declare the column as STRING in \"schema\", or set \"mode\": \"PERMISSIVE\" or \"DROPMALFORMED\"")
                    case .dropMalformed: return true
                    case .permissive: values.append(.null)
                    }
                } else {
                    values.append(.null)
                }
            }
            for index in builders.indices { builders[index].append(values[index]) }
            rows += 1
            return rows < RecordBatch.preferredRowCount
        }
        guard rows > 0 else { return nil }
        return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
    }

    /// A JSON value as `type`: `.null` for JSON null, nil when it does not fit. Any value fits a
    /// string column (non-strings as their JSON text); objects fit structs (by key) and maps,
    /// arrays fit arrays, element by element.
    static func convert(_ node: JSONNode, to type: DataType) -> ScalarValue? {
        if case .null = node.value { return .null }
        switch (type, node.value) {
        case (.string, .string(let text)): return .string(text)
        case (.string, _): return .string(node.jsonText)
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.int8, .number(let text)): return Int8(text).map(ScalarValue.int8)
        case (.int16, .number(let text)): return Int16(text).map(ScalarValue.int16)
        case (.float32, .number(let text)): return Float(text).map(ScalarValue.float32)
        case (.int32, .number(let text)): return Int32(text).map(ScalarValue.int32)
        case (.int64, .number(let text)): return Int64(text).map(ScalarValue.int64)
        case (.float64, .number(let text)): return Double(text).map(ScalarValue.float64)
        case (.decimal(let precision, let scale), .number(let text)), (.decimal(let precision, let scale), .string(let text)):
            return DecimalMath.parse(text, precision: precision, scale: scale).map { .decimal(DecimalValue(unscaled: $0, scale: scale)) }
        case (.float64, .string(let text)) where ["NaN", "Infinity", "-Infinity"].contains(text):
            return Double(text == "Infinity" ? "inf" : text == "-Infinity" ? "-inf" : "nan").map(ScalarValue.float64)
        case (.binary, .string(let text)):
            var text = text
            return text.withUTF8 { Base64.decode(UnsafeRawBufferPointer($0)) }.map(ScalarValue.binary)
        case (.date, .string(let text)): return Temporal.parseDate(text).map(ScalarValue.date)
        case (.timestamp, .string(let text)): return Temporal.parseTimestamp(text).map(ScalarValue.timestamp)
        case (.timestampNTZ, .string(let text)): return Temporal.parseTimestamp(text).map(ScalarValue.timestampNTZ)
        case (.array(let element), .array(let items)):
            var values: [ScalarValue] = []
            for item in items {
                guard let value = convert(item, to: element) else { return nil }
                values.append(value)
            }
            return .array(values)
        case (.struct(let fields), .object(let members)):
            var values: [ScalarValue] = []
            for field in fields {
                guard let member = members.last(where: { $0.key == field.name }) else { values.append(.null); continue }
                guard let value = convert(member.value, to: field.type) else { return nil }
                values.append(value)
            }
            return .struct(values)
        case (.map(let keyType, let valueType), .object(let members)):
            var keys: [ScalarValue] = [], values: [ScalarValue] = []
            for member in members {
                guard let value = convert(member.value, to: valueType) else { return nil }
                keys.append(ScalarValue.string(member.key).cast(to: keyType))
                values.append(value)
            }
            return .map(keys: keys, values: values)
        default: return nil
        }
    }
}
