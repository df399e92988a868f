import SluiceEngine
import SluiceSpec

/// Turns decoded leaf values into an engine column, applying the type mapping's conversion.
enum LeafColumnConversion {
    static func column(
        _ values: LeafValues, validity: Bitmap?, type: DataType, conversion: ParquetTypeMapping.Conversion,
        name: String, file: String
    ) throws(SluiceError) -> Column {
        let storage: ColumnStorage
        switch (values, conversion) {
        case (.boolean(let v), _): storage = .boolean(v)
        case (.int32(let v), .uint32ToInt64): storage = .int64(v.map { Int64(UInt32(bitPattern: $0)) })
        case (.int32(let v), .decimal): storage = .decimal(v.map { Int128($0) })
        case (.int32(let v), .timeMillis): storage = .int64(v.map { Int64($0) * 1000 })
        case (.int32(let v), _): storage = .int32(v)
        case (.int64(let v), .uint64ToDecimal): storage = .decimal(v.map { Int128(UInt64(bitPattern: $0)) })
        case (.int64(let v), .decimal): storage = .decimal(v.map { Int128($0) })
        case (.int64(let v), .timestampMillis): storage = .int64(v.map { $0 &* 1000 })
        case (.int64(let v), .timestampNanos), (.int64(let v), .timeNanos): storage = .int64(v.map(TimeUnits.microseconds(fromNanoseconds:)))
        case (.int64(let v), _): storage = .int64(v)
        case (.float(let v), _): storage = .float64(v.map(Double.init))
        case (.double(let v), _): storage = .float64(v)
        case (.bytes(let v), .uuidText):
            var text = StringStorage(capacity: v.count)
            for index in 0..<v.count { text.append(utf8: uuidText(v.utf8(at: index))) }
            storage = .string(text)
        case (.bytes(let v), .float16ToDouble):
            storage = .float64((0..<v.count).map { index in
                let raw = v.utf8(at: index)
                return raw.count == 2 ? halfToDouble(UInt16(raw[raw.startIndex]) | UInt16(raw[raw.startIndex + 1]) << 8) : 0
            })
        case (.bytes(let v), .decimal):
            var unscaled = [Int128](repeating: 0, count: v.count)
            for index in 0..<v.count where validity?[index] != false {
                guard let value = DecimalMath.fromBigEndian(v.utf8(at: index)) else {
                    throw SluiceError(.malformedData, "'\(file)' column '\(name)' holds a decimal of \(v.utf8(at: index).count) bytes, more than 128 bits")
                }
                unscaled[index] = value
            }
            storage = .decimal(unscaled)
        case (.bytes(let v), _): storage = .string(v)
        }
        return Column(dataType: type, storage: storage, validity: validity)
    }

    /// Sixteen bytes as a UUID's canonical text (`8-4-4-4-12` lower-case hex).
    static func uuidText(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for (offset, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(offset) { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0xF)])
        }
        return text
    }

    /// IEEE 754 half precision to double.
    private static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * pow2(-24)
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * pow2(exponent - 15)
        }
    }

    private static func pow2(_ exponent: Int) -> Double { Double(sign: .plus, exponent: exponent, significand: 1) }
}
