#if canImport(Glibc)
import Glibc
#endif

/// Parses typed values out of text fields (CSV cells, JSON strings), straight from bytes.
enum TextFieldParser {
    /// `true` or `false`, in any case.
    static func bool(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        switch bytes.count {
        case 4 where bytes.elementsEqual("true".utf8, by: { $0 | 0x20 == $1 }): return true
        case 5 where bytes.elementsEqual("false".utf8, by: { $0 | 0x20 == $1 }): return false
        default: return nil
        }
    }

    /// A decimal integer with an optional sign; nil on overflow or any other character.
    static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if bytes.count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count, bytes.count - index <= 19 else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    static func int32(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        int64(bytes).flatMap { Int32(exactly: $0) }
    }

    /// A decimal floating-point number, or `NaN`, `Infinity`, `-Infinity` (also `inf`).
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard bytes.count > 0, bytes.count < 64 else { return nil }
        // strtod needs a terminated string; reject hex floats, which it would accept.
        var buffer = [CChar](repeating: 0, count: bytes.count + 1)
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: " ") { return nil }
            buffer[index] = CChar(bitPattern: byte)
        }
        return buffer.withUnsafeMutableBufferPointer { pointer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer.baseAddress!, &end)
            guard let end, end - pointer.baseAddress! == bytes.count else { return nil }
            return value
        }
    }
}
