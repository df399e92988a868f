import Foundation

/// Spark's cast semantics (non-ANSI) for one value: invalid input becomes null rather
/// than an error; doubles saturate when cast to integers; integers wrap when narrowed;
/// a decimal that does not fit its precision becomes null.
enum CastRules {
    static func cast(_ value: ScalarValue, to type: DataType) -> ScalarValue {
        if value == .null { return .null }
        switch type {
        case .boolean: return toBoolean(value)
        case .int8: return toInt64(value).map { .int8(Int8(truncatingIfNeeded: $0)) } ?? .null
        case .int16: return toInt64(value).map { .int16(Int16(truncatingIfNeeded: $0)) } ?? .null
        case .int32: return toInt64(value).map { .int32(Int32(truncatingIfNeeded: $0)) } ?? .null
        case .int64: return toInt64(value).map(ScalarValue.int64) ?? .null
        case .float32: return toDouble(value).map { .float32(Float($0)) } ?? .null
        case .float64: return toDouble(value).map(ScalarValue.float64) ?? .null
        case .decimal(let precision, let scale): return toDecimal(value, precision: precision, scale: scale)
        case .string: return .string(toString(value))
        case .binary: return toBinary(value)
        case .date: return toDate(value)
        case .timestamp: return toTimestamp(value)
        case .timestampNTZ:
            if case .string(let text) = value {
                return SparkCastText.timestamp(text.trimmingCharacters(in: .whitespaces)).map(ScalarValue.timestampNTZ) ?? .null
            }
            if case .timestampNTZ = value { return value }
            if case .timestamp(let micros) = toTimestamp(value) { return .timestampNTZ(micros) }
            return .null
        case .array(let element):
            guard case .array(let items) = value else { return .null }
            return .array(items.map { cast($0, to: element) })
        case .map(let keyType, let valueType):
            guard case .map(let keys, let values) = value else { return .null }
            return .map(keys: keys.map { cast($0, to: keyType) }, values: values.map { cast($0, to: valueType) })
        case .struct(let fields):
            guard case .struct(let values) = value, values.count == fields.count else { return .null }
            return .struct(zip(values, fields).map { cast($0, to: $1.type) })
        }
    }

    static func toBoolean(_ value: ScalarValue) -> ScalarValue {
        switch value {
        case .boolean: return value
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "t", "true", "y", "yes", "1": return .boolean(true)
            case "f", "false", "n", "no", "0": return .boolean(false)
            default: return .null
            }
        case .decimal(let v): return .boolean(v.unscaled != 0)
        default: return toDouble(value).map { .boolean($0 != 0) } ?? .null
        }
    }

    static func toInt64(_ value: ScalarValue) -> Int64? {
        switch value {
        case .boolean(let v): return v ? 1 : 0
        case .int8(let v): return Int64(v)
        case .int16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .float32(let v): return v.isNaN ? 0 : Int64(clamping: Double(v).rounded(.towardZero))
        case .float64(let v): return v.isNaN ? 0 : Int64(clamping: v.rounded(.towardZero))
        case .decimal(let v): return Int64(truncatingIfNeeded: v.unscaled / DecimalMath.powersOfTen[v.scale])
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let integer = Int64(trimmed) { return integer }
            guard let double = Double(trimmed), double.isFinite else { return nil }
            return Int64(clamping: double.rounded(.towardZero))
        case .timestamp(let micros), .timestampNTZ(let micros): return micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        default: return nil
        }
    }

    static func toDouble(_ value: ScalarValue) -> Double? {
        switch value {
        case .boolean(let v): return v ? 1 : 0
        case .int8(let v): return Double(v)
        case .int16(let v): return Double(v)
        case .int32(let v): return Double(v)
        case .int64(let v): return Double(v)
        case .float32(let v): return Double(v)
        case .float64(let v): return v
        case .decimal(let v): return v.doubleValue
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            switch trimmed {
            case "NaN": return .nan
            case "Infinity", "+Infinity", "inf": return .infinity
            case "-Infinity", "-inf": return -.infinity
            default: return Double(trimmed).flatMap { $0.isFinite ? $0 : nil }
            }
        case .timestamp(let micros), .timestampNTZ(let micros): return Double(micros) / 1_000_000
        default: return nil
        }
    }

    /// A number or numeric text at `scale`, HALF_UP; null when it does not fit `precision`.
    static func toDecimal(_ value: ScalarValue, precision: Int, scale: Int) -> ScalarValue {
        let unscaled: Int128?
        switch value {
        case .decimal(let v): unscaled = v.rescaled(to: scale, precision: precision)?.unscaled
        case .string(let text): unscaled = DecimalMath.parse(text, precision: precision, scale: scale)
        case .float32(let v): unscaled = DecimalMath.fromDouble(Double(v), precision: precision, scale: scale)
        case .float64(let v): unscaled = DecimalMath.fromDouble(v, precision: precision, scale: scale)
        case .timestamp, .timestampNTZ, .date, .binary: unscaled = nil
        default:
            unscaled = toInt64(value).flatMap { DecimalValue(unscaled: Int128($0), scale: 0).rescaled(to: scale, precision: precision)?.unscaled }
        }
        return unscaled.map { .decimal(DecimalValue(unscaled: $0, scale: scale)) } ?? .null
    }

    /// Strings as Spark's `CAST(x AS STRING)` writes them (timestamps `yyyy-MM-dd HH:mm:ss[.ffffff]`).
    static func toString(_ value: ScalarValue) -> String {
        switch value {
        case .string(let text): return text
        case .boolean(let v): return v ? "true" : "false"
        case .float32(let v):
            if v.isNaN { return "NaN" }
            if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
            return v.description
        case .float64(let v):
            if v.isNaN { return "NaN" }
            if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
            return v.description
        case .binary(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .date(let days): return Temporal.formatDate(days)
        case .timestamp(let micros), .timestampNTZ(let micros):
            return String(Temporal.formatTimestamp(micros).dropLast()).replacingOccurrences(of: "T", with: " ")
        // Nested values as Spark writes them: [1, 2], {a -> 1}, {1, x}.
        case .array(let items): return "[" + items.map(nestedText).joined(separator: ", ") + "]"
        case .map(let keys, let values): return "{" + zip(keys, values).map { nestedText($0) + " -> " + nestedText($1) }.joined(separator: ", ") + "}"
        case .struct(let values): return "{" + values.map(nestedText).joined(separator: ", ") + "}"
        default: return value.description
        }
    }

    private static func nestedText(_ value: ScalarValue) -> String {
        value == .null ? "null" : toString(value)
    }

    /// A string's UTF-8 bytes (Spark casts only strings and integers to binary).
    static func toBinary(_ value: ScalarValue) -> ScalarValue {
        switch value {
        case .binary: return value
        case .string(let text): return .binary(Array(text.utf8))
        default: return .binary(Array(toString(value).utf8))
        }
    }

    static func toDate(_ value: ScalarValue) -> ScalarValue {
        switch value {
        case .date: return value
        case .timestamp(let micros), .timestampNTZ(let micros):
            return .date(Int32(truncatingIfNeeded: TruncationUnit.floor(micros, 86_400_000_000) / 86_400_000_000))
        case .string(let text):
            return SparkCastText.date(text.trimmingCharacters(in: .whitespaces)).map(ScalarValue.date) ?? .null
        default: return .null
        }
    }

    static func toTimestamp(_ value: ScalarValue) -> ScalarValue {
        switch value {
        case .timestamp: return value
        case .timestampNTZ(let micros): return .timestamp(micros)
        case .date(let days): return .timestamp(Int64(days) * 86_400_000_000)
        case .string(let text): return SparkCastText.timestamp(text.trimmingCharacters(in: .whitespaces)).map(ScalarValue.timestamp) ?? .null
        case .boolean, .string, .binary, .null: return .null
        default:
            return toDouble(value).map { .timestamp(Int64(clamping: ($0 * 1_000_000).rounded(.towardZero))) } ?? .null
        }
    }
}
