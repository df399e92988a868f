import Foundation
import SluiceSpec

/// Walks the lines of JSON Lines data, parsing each non-blank one as a JSON value.
enum JSONLines {
    /// Calls `body` with each parsed line and its 1-based line number; stops when `body` returns false.
    /// Parse errors carry the real line number.
    static func forEachLine(in data: Data, file: String, from start: (offset: Int, line: Int) = (0, 1),
                            _ body: (JSONNode?, SluiceError?, Int) throws -> Bool) rethrows -> (offset: Int, line: Int) {
        try data.withUnsafeBytes { bytes -> (offset: Int, line: Int) in
            var offset = start.offset
            var line = start.line
            if offset == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
            while offset < bytes.count {
                var end = offset
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let lineNumber = line
                let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
                offset = end + 1
                line += 1
                guard slice.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) else {
                    continue
                }
                let node: JSONNode?
                var failure: SluiceError?
                do throws(SluiceError) {
                    node = try JSONParser.parse(bytes: Array(slice), file: file)
                } catch {
                    node = nil
                    failure = error
                    if let location = error.location {
                        failure?.location = SourceLocation(file: file, line: lineNumber + location.line - 1, column: location.column)
                    }
                }
                if try !body(node, failure, lineNumber) { return (offset, line) }
            }
            return (offset, line)
        }
    }
}
