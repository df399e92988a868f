import SluiceEngine

/// PLAIN-encodes the present values of a column (nulls are skipped: the definition levels
/// say where they were). A FLOAT column is written as 4-byte floats; byte values without
/// a length prefix when the column is a FIXED_LEN_BYTE_ARRAY (`fixedLength`).
enum PlainEncoder {
    static func encode(_ column: Column, fixedLength: Bool = false, into output: inout [UInt8]) {
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
        case .float64(let values) where column.dataType == .float32: appendFixed(values.map { Float($0) }, valid, &output)
        case .float64(let values): appendFixed(values, valid, &output)
        case .decimal: preconditionFailure("decimals are written through ParquetPhysicalLayout.physical")
        case .list, .structure: preconditionFailure("nested columns are written leaf by leaf")
        case .string(let values):
            for index in 0..<values.count where valid?[index] != false {
                let value = values.utf8(at: index)
                if !fixedLength { appendLength(value.count, &output) }
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
