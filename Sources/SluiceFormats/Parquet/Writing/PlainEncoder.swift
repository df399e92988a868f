import SluiceEngine

/// PLAIN-encodes the present values of a column (nulls are skipped: the definition levels
/// say where they were).
enum PlainEncoder {
    static func encode(_ column: Column, into output: inout [UInt8]) {
        let valid = column.validity
        switch column.storage {
        case .boolean(let values):
            var byte: UInt8 = 0
            var bits = 0
            for index in values.indices where valid?[index] != false {
                if values[index] { byte |= 1 << UInt8(bits) }
                bits += 1
                if bits == 8 {
                    output.append(byte)
                    byte = 0
                    bits = 0
                }
            }
            if bits > 0 { output.append(byte) }
        case .int32(let values): appendFixed(values, valid, &output)
        case .int64(let values): appendFixed(values, valid, &output)
        case .float64(let values): appendFixed(values, valid, &output)
        case .string(let values):
            for index in 0..<values.count where valid?[index] != false {
                let value = values.utf8(at: index)
                appendLength(value.count, &output)
                output.append(contentsOf: value)
            }
        }
    }

    static func appendLength(_ length: Int, _ output: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(length).littleEndian) { output.append(contentsOf: $0) }
    }

    private static func appendFixed<T: BitwiseCopyable>(_ values: [T], _ valid: Bitmap?, _ output: inout [UInt8]) {
        if valid == nil {
            values.withUnsafeBytes { output.append(contentsOf: $0) }
            return
        }
        for index in values.indices where valid![index] {
            withUnsafeBytes(of: values[index]) { output.append(contentsOf: $0) }
        }
    }
}
