import Foundation
import SluiceEngine
import Testing

/// Runs the Python interop scripts in Tests/Interop and compares rows in their canonical JSON
/// form (dates as days, timestamps as microseconds, floats within 1e-9 relative).
enum InteropFixtures {
    static let interopDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Interop")

    /// Runs `python3 script arguments...`; returns stdout, failing with stderr.
    static func python(_ script: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", interopDirectory.appendingPathComponent(script).path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InteropError(message: "python3 \(script) \(arguments.joined(separator: " ")) failed: \(errorText)")
        }
        return data
    }

    struct InteropError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A fresh temporary directory, removed when the test process exits (fixtures written
    /// once per run live in such directories for the whole run).
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        ExitCleanup.remove(url.path)
        return url
    }

    /// A value in canonical JSON form.
    static func canonical(_ value: ScalarValue) -> Any {
        switch value {
        case .null: NSNull()
        case .boolean(let v): v
        case .int8(let v): Int64(v)
        case .int16(let v): Int64(v)
        case .int32(let v): Int64(v)
        case .int64(let v): v
        case .float32(let v): v.isNaN ? "NaN" as Any : Double(v)
        case .float64(let v): v.isNaN ? "NaN" as Any : v
        case .decimal(let v): v.description
        case .string(let v): v
        case .binary(let v): v.map { String(format: "%02x", $0) }.joined()
        case .date(let v): Int64(v)
        case .timestamp(let v), .timestampNTZ(let v): v
        case .array, .map, .struct: value.description
        }
    }

    /// Whether an expected canonical JSON value equals an actual one.
    static func same(_ expected: Any, _ actual: Any) -> Bool {
        switch (expected, actual) {
        case (is NSNull, is NSNull): return true
        case (let e as String, let a as String): return e == a
        case (let e as Bool, let a as Bool): return e == a
        case (let e as NSNumber, let a as Int64):
            return e.int64Value == a && e.doubleValue == Double(a)
        case (let e as NSNumber, let a as Double):
            let wanted = e.doubleValue
            return wanted == a || abs(wanted - a) <= 1e-9 * max(abs(wanted), abs(a))
        case (let e as NSNumber, let a as Bool): return e.boolValue == a
        // An unsigned 64-bit integer reads as DECIMAL(20,0), rendered as its digits.
        case (let e as NSNumber, let a as String): return e.stringValue == a
        default: return false
        }
    }

    /// Whether two parsed JSON values are equal, numbers within 1e-9 relative.
    static func sameJSON(_ expected: Any, _ actual: Any) -> Bool {
        switch (expected, actual) {
        case (let e as [Any], let a as [Any]): return e.count == a.count && zip(e, a).allSatisfy { sameJSON($0, $1) }
        case (let e as [String: Any], let a as [String: Any]):
            return e.count == a.count && e.allSatisfy { key, value in a[key].map { sameJSON(value, $0) } ?? false }
        case (let e as NSNumber, let a as NSNumber):
            return e == a || abs(e.doubleValue - a.doubleValue) <= 1e-9 * max(abs(e.doubleValue), abs(a.doubleValue))
        default: return same(expected, actual)
        }
    }

    /// Records an issue for each row and column where `actual` differs from `expected` (at most 5).
    static func compare(expected: [[Any]], actual: [[Any]], columns: [String], label: String) {
        #expect(actual.count == expected.count, "\(label): \(actual.count) rows, expected \(expected.count)")
        var mismatches = 0
        for (row, (want, got)) in zip(expected, actual).enumerated() where mismatches < 5 {
            for column in want.indices where column < got.count && !same(want[column], got[column]) {
                Issue.record("\(label): row \(row) column \(columns[column]): expected \(want[column]), got \(got[column])")
                mismatches += 1
            }
        }
    }
}
