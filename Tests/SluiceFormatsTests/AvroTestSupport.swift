import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Helpers the Avro tests share: running the interop script, comparing values with its raw
/// JSON form, and generating random values of any schema.
enum AvroTestSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `Tests/Avro/avro_interop.py` with `arguments`; returns its standard output.
    static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("Tests/Avro/avro_interop.py").path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SluiceError(.internalError, "avro_interop.py \(arguments.first ?? "") failed (needs python3 with fastavro and avro: run scripts/install-test-deps): \(errorText)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func temporaryDirectory() throws -> URL {
        try InteropFixtures.temporaryDirectory("avro")
    }

    /// Where `value` (of `schema`) differs from `expected` in the interop script's raw form; nil when equal.
    static func mismatch(_ value: AvroValue, _ schema: AvroSchema, _ expected: JSONNode, at path: String = "$") -> String? {
        func differ() -> String { "\(path): Sluice has \(value), the reference has \(expected.jsonText)" }
        switch (value, schema, expected.value) {
        case (.null, _, .null): return nil
        case (.boolean(let flag), _, .bool(let other)): return flag == other ? nil : differ()
        case (.int(let int), _, .number(let text)): return Int64(text) == Int64(int) ? nil : differ()
        case (.long(let long), _, .number(let text)): return Int64(text) == long ? nil : differ()
        case (.float(let float), _, .number(let text)): return Double(text) == Double(float) ? nil : differ()
        case (.double(let double), _, .number(let text)): return Double(text) == double ? nil : differ()
        case (.string(let text), _, .string(let other)), (.enumeration(let text), _, .string(let other)):
            return text == other ? nil : differ()
        case (.bytes(let bytes), _, .object), (.fixed(let bytes), _, .object):
            if case .decimal = schema.logicalType {
                return expected["$unscaled"]?.stringValue == unscaled(bytes) ? nil : differ()
            }
            return expected["$hex"]?.stringValue == hex(bytes) ? nil : differ()
        case (.array(let elements), .array(let items), .array(let others)):
            guard elements.count == others.count else { return differ() }
            for (index, element) in elements.enumerated() {
                if let problem = mismatch(element, items, others[index], at: "\(path)[\(index)]") { return problem }
            }
            return nil
        case (.map(let entries), .map(let values), .object(let members)):
            guard entries.count == members.count else { return differ() }
            for member in members {
                guard let entry = entries[member.key] else { return differ() }
                if let problem = mismatch(entry, values, member.value, at: "\(path).\(member.key)") { return problem }
            }
            return nil
        case (.record(let values), .record(let record), .object):
            for (field, fieldValue) in zip(record.fields, values) {
                guard let other = expected[field.name] else { return "\(path): the reference has no field \(field.name)" }
                if let problem = mismatch(fieldValue, field.type, other, at: "\(path).\(field.name)") { return problem }
            }
            return nil
        case (.union(let branch, let inner), .union(let branches), _):
            return mismatch(inner, branches[branch], expected, at: path)
        default:
            return differ()
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The decimal text of a big-endian two's-complement integer.
    static func unscaled(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "0" }
        let negative = bytes[0] & 0x80 != 0
        // Magnitude of a negative number: invert and add one.
        var magnitude = negative ? bytes.map { ~$0 } : bytes
        if negative {
            var index = magnitude.count - 1
            while index >= 0 {
                let (sum, overflow) = magnitude[index].addingReportingOverflow(1)
                magnitude[index] = sum
                if !overflow { break }
                index -= 1
            }
        }
        var digits: [UInt8] = []
        while magnitude.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in magnitude.indices {
                let current = remainder * 256 + Int(magnitude[index])
                magnitude[index] = UInt8(current / 10)
                remainder = current % 10
            }
            digits.append(UInt8(remainder))
        }
        let text = digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
        return negative && text != "0" ? "-" + text : text
    }
}

/// Random values of any schema, within the ranges the reference libraries convert
/// (timestamps within a few decades, times within a day, valid UUIDs).
struct AvroValueGenerator {
    var random: SeededGenerator

    mutating func value(_ schema: AvroSchema, depth: Int = 0) -> AvroValue {
        switch schema {
        case .null: return .null
        case .boolean: return .boolean(Bool.random(using: &random))
        case .int(let logical):
            switch logical {
            case .date: return .int(Int32.random(in: -30000...30000, using: &random))
            case .timeMillis: return .int(Int32.random(in: 0..<86_400_000, using: &random))
            default: return .int(Int32.random(in: .min ... .max, using: &random))
            }
        case .long(let logical):
            switch logical {
            case .timeMicros: return .long(Int64.random(in: 0..<86_400_000_000, using: &random))
            case .timestampMillis, .localTimestampMillis: return .long(Int64.random(in: -(1 << 41)...(1 << 41), using: &random))
            case .timestampMicros, .localTimestampMicros: return .long(Int64.random(in: -(1 << 51)...(1 << 51), using: &random))
            default: return .long(Int64.random(in: .min ... .max, using: &random))
            }
        case .float: return .float(Float.random(in: -1e6...1e6, using: &random))
        case .double: return .double(Double.random(in: -1e12...1e12, using: &random))
        case .bytes(let logical):
            if case .decimal(let precision, _) = logical { return .bytes(decimal(precision: precision, size: nil)) }
            return .bytes(bytes(Int.random(in: 0...9, using: &random)))
        case .string(let logical):
            if logical == .uuid {
                let hex = AvroTestSupport.hex(bytes(16))
                let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), "4" + hex.dropFirst(13).prefix(3), "a" + hex.dropFirst(17).prefix(3), hex.suffix(12)]
                return .string(parts.joined(separator: "-"))
            }
            return .string(text())
        case .fixed(let fixed):
            if case .decimal(let precision, _) = fixed.logicalType { return .fixed(decimal(precision: precision, size: fixed.size)) }
            return .fixed(bytes(fixed.size))
        case .enumeration(let enumeration): return .enumeration(enumeration.symbols.randomElement(using: &random)!)
        case .array(let items):
            return .array((0..<Int.random(in: 0...(depth > 2 ? 0 : 3), using: &random)).map { _ in value(items, depth: depth + 1) })
        case .map(let values):
            var entries: [String: AvroValue] = [:]
            for index in 0..<Int.random(in: 0...(depth > 2 ? 0 : 3), using: &random) { entries["k\(index)"] = value(values, depth: depth + 1) }
            return .map(entries)
        case .record(let record): return .record(record.fields.map { value($0.type, depth: depth + 1) })
        case .union(let branches):
            // Deep recursive records stop at null (the first branch of a recursive union).
            let branch = depth > 3 ? 0 : Int.random(in: 0..<branches.count, using: &random)
            return .union(branch: branch, value(branches[branch], depth: depth + 1))
        }
    }

    /// A random unscaled decimal of at most `precision` (≤ 18) digits, as big-endian two's
    /// complement: in `size` bytes, or the fewest that hold it.
    private mutating func decimal(precision: Int, size: Int?) -> [UInt8] {
        let limit = (0..<min(precision, 18)).reduce(Int64(1)) { value, _ in value * 10 } - 1
        let value = Int64.random(in: -limit...limit, using: &random)
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * (7 - $0))) }
        if let size { return [UInt8](repeating: value < 0 ? 0xFF : 0, count: max(size - 8, 0)) + bytes.suffix(size) }
        // Drop leading bytes that only repeat the sign.
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] & 0x80 == 0) || (bytes[0] == 0xFF && bytes[1] & 0x80 != 0) { bytes.removeFirst() }
        return bytes
    }

    private mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    private mutating func text() -> String {
        let alphabet = Array("abcxyz 0189-_é€😀\"\\\n")
        return String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
}
