import SluiceEngine
import SluiceFormats
import SluiceSpec

/// The `stats` of an `add` action: row count and per-column min, max and null count, written
/// from a Parquet file's footer and read back to skip files that cannot match a filter.
public struct DeltaFileStatistics: Sendable {
    public var numRecords: Int64?
    public var minValues: [String: ScalarValue] = [:]
    public var maxValues: [String: ScalarValue] = [:]
    public var nullCount: [String: Int64] = [:]

    /// Other writers cut strings in statistics to 32 characters; such a maximum may be below
    /// the true one, so it is not used.
    static let truncatedStringLength = 32

    public init(summary: ParquetFileSummary) {
        numRecords = summary.rowCount
        for (name, bounds) in summary.columns {
            if let min = bounds.min { minValues[name] = min }
            if let max = bounds.max { maxValues[name] = max }
            if let nulls = bounds.nullCount { nullCount[name] = nulls }
        }
    }

    /// Reads `stats` JSON for the columns of `schema` (nil when the text is not readable: no skipping).
    public init?(json: String, schema: Schema) {
        guard let root = try? JSONParser.parse(json, file: "stats") else { return nil }
        if case .number(let text)? = root["numRecords"]?.value { numRecords = Int64(text) }
        for field in schema.fields {
            if let value = root["minValues"]?[field.name].flatMap({ Self.value($0, field.type, isMax: false) }) { minValues[field.name.lowercased()] = value }
            if let value = root["maxValues"]?[field.name].flatMap({ Self.value($0, field.type, isMax: true) }) { maxValues[field.name.lowercased()] = value }
            if case .number(let text)? = root["nullCount"]?[field.name]?.value, let count = Int64(text) {
                nullCount[field.name.lowercased()] = count
            }
        }
    }

    /// The row count an `add` action's statistics give (0 when unknown).
    public static func rows(in file: DeltaAddFile) -> Int64 {
        guard let stats = file.stats, let root = try? JSONParser.parse(stats, file: "stats"),
              case .number(let text)? = root["numRecords"]?.value else { return 0 }
        return Int64(text) ?? 0
    }

    /// The JSON text of the statistics.
    public var json: String {
        var writer = DeltaJSONWriter()
        if let numRecords { writer.int("numRecords", numRecords) }
        writer.raw("minValues", Self.object(minValues))
        writer.raw("maxValues", Self.object(maxValues))
        writer.raw("nullCount", "{" + nullCount.keys.sorted().map { JSONNode.quote($0) + ":" + String(nullCount[$0]!) }.joined(separator: ",") + "}")
        return writer.text
    }

    /// Whether a file with these statistics may hold a row satisfying every predicate.
    public func mayMatch(_ predicates: [ScanPredicate], floatingColumns: Set<String>) -> Bool {
        guard let rows = numRecords.map(Int.init) else { return true }
        return predicates.allSatisfy { predicate in
            predicate.mayMatch(min: minValues[predicate.column], max: maxValues[predicate.column],
                               nullCount: nullCount[predicate.column].map(Int.init), rowCount: rows,
                               floatingPoint: floatingColumns.contains(predicate.column))
        }
    }

    private static func object(_ values: [String: ScalarValue]) -> String {
        "{" + values.keys.sorted().compactMap { key in
            jsonValue(values[key]!).map { JSONNode.quote(key) + ":" + $0 }
        }.joined(separator: ",") + "}"
    }

    private static func jsonValue(_ value: ScalarValue) -> String? {
        switch value {
        case .null: nil
        case .boolean(let v): v ? "true" : "false"
        case .int8(let v): String(v)
        case .int16(let v): String(v)
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .float32(let v): v.isFinite ? TextValueFormatter.double(Double(v)) : nil
        case .float64(let v): v.isFinite ? TextValueFormatter.double(v) : nil
        case .decimal(let v): v.description
        case .string(let v): JSONNode.quote(v)
        case .binary, .array, .map, .struct: nil
        case .date(let v): JSONNode.quote(Temporal.formatDate(v))
        case .timestamp(let v): JSONNode.quote(Temporal.formatTimestamp(v))
        case .timestampNTZ(let v): JSONNode.quote(String(Temporal.formatTimestamp(v).dropLast()))
        }
    }

    private static func value(_ node: JSONNode, _ type: DataType, isMax: Bool) -> ScalarValue? {
        switch (type, node.value) {
        case (.int8, .number(let text)): return Int8(text).map(ScalarValue.int8)
        case (.int16, .number(let text)): return Int16(text).map(ScalarValue.int16)
        case (.int32, .number(let text)): return Int32(text).map(ScalarValue.int32)
        case (.int64, .number(let text)): return Int64(text).map(ScalarValue.int64)
        case (.float32, .number(let text)): return Float(text).map(ScalarValue.float32)
        case (.float64, .number(let text)): return Double(text).map(ScalarValue.float64)
        case (.decimal(let precision, let scale), .number(let text)):
            return DecimalMath.parse(text, precision: precision, scale: scale).map { .decimal(DecimalValue(unscaled: $0, scale: scale)) }
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.string, .string(let text)):
            return isMax && text.count >= truncatedStringLength ? nil : .string(text)
        case (.date, .string(let text)): return Temporal.parseDate(text).map(ScalarValue.date)
        case (.timestamp, .string(let text)):
            // Writers keep milliseconds: a maximum may be up to 1 ms below the true one.
            return Temporal.parseTimestamp(text).map { .timestamp(isMax ? $0 + 1000 : $0) }
        case (.timestampNTZ, .string(let text)):
            return Temporal.parseTimestamp(text).map { .timestampNTZ(isMax ? $0 + 1000 : $0) }
        default: return nil
        }
    }
}
