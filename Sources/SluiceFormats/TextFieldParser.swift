import Foundation
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

    /// Exact powers of ten a double holds, for the fast path below.
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A decimal floating-point number, or `NaN`, `Infinity`, `-Infinity` (also `inf`).
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let fast = simpleDecimal(bytes) { return fast }
        return parsedByC(bytes)
    }

    /// `[-]digits[.digits]` with at most 15 significant digits: exact as mantissa / 10^k,
    /// because both are exactly representable and one IEEE division rounds correctly
    /// (Clinger's fast path). Nil for anything else.
    @inline(__always)
    static func simpleDecimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var index = 0
        let count = bytes.count
        guard count > 0, count <= 17 else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                mantissa = mantissa * 10 + Int64(digit)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            }
            index += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static func parsedByC(_ bytes: UnsafeRawBufferPointer) -> Double? {
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
