import SluiceEngine
import SluiceSpec

/// Works out the schema of CSV data: names from the header (made unique; `_cN` where
/// missing), and per column the narrowest type every non-null value fits.
struct CSVSchemaInference {
    let options: CSVOptions
    let file: String

    /// The types a column could still have, narrowest first.
    private struct Candidates {
        var boolean = true, int32 = true, int64 = true, float64 = true, date = true, timestamp = true
        var sawValue = false

        var type: DataType {
            guard sawValue else { return .string }
            if boolean { return .boolean }
            if int32 { return .int32 }
            if int64 { return .int64 }
            if float64 { return .float64 }
            if date { return .date }
            if timestamp { return .timestamp }
            return .string
        }

        mutating func observe(_ value: UnsafeRawBufferPointer) {
            sawValue = true
            if boolean { boolean = TextFieldParser.bool(value) != nil }
            if int32 { int32 = TextFieldParser.int32(value) != nil }
            if int64, !int32 { int64 = TextFieldParser.int64(value) != nil }
            if float64, !int64 { float64 = TextFieldParser.double(value) != nil }
            if date { date = Temporal.parseDate(value) != nil }
            if timestamp, !date { timestamp = Temporal.parseTimestamp(value) != nil }
        }
    }

    func infer(_ bytes: UnsafeRawBufferPointer) throws(SluiceError) -> Schema {
        var tokenizer = CSVTokenizer(bytes: bytes, delimiter: options.delimiter, quote: options.quote,
                                     escape: options.escape, file: file, position: CSVReaderStart.position(of: bytes))
        var fields: [CSVField] = []
        var names: [String]?
        if options.header, try tokenizer.nextRecord(into: &fields) != nil {
            names = Self.uniqueNames(fields.map { field in
                String(decoding: field.escaped ? field.unescaped(in: bytes, quote: options.quote, escape: options.escape)
                                               : Array(bytes.slice(field.start, field.end)),
                       as: UTF8.self)
            })
        }
        if let schema = options.schema { return schema }
        var candidates: [Candidates] = Array(repeating: Candidates(), count: names?.count ?? 0)
        let nullValue = Array(options.nullValue.utf8)
        while try tokenizer.nextRecord(into: &fields) != nil {
            if names == nil { names = (0..<fields.count).map { "_c\($0)" } }
            if candidates.isEmpty { candidates = Array(repeating: Candidates(), count: names!.count) }
            guard options.inferSchema else { continue }
            for (index, field) in fields.prefix(candidates.count).enumerated() {
                let range = bytes.slice(field.start, field.end)
                if !field.quoted, range.elementsEqual(nullValue) { continue }
                if field.escaped {
                    let unescaped = field.unescaped(in: bytes, quote: options.quote, escape: options.escape)
                    unescaped.withUnsafeBytes { candidates[index].observe($0) }
                } else {
                    candidates[index].observe(range)
                }
            }
        }
        let columnNames = names ?? []
        if candidates.count < columnNames.count { candidates += Array(repeating: Candidates(), count: columnNames.count - candidates.count) }
        return Schema(zip(columnNames, candidates).map { name, candidate in
            Field(name, options.inferSchema ? candidate.type : .string)
        })
    }

    /// Header names made unique (`a`, `a_1`) with empty names replaced by `_cN`.
    static func uniqueNames(_ raw: [String]) -> [String] {
        var seen: Set<String> = []
        return raw.enumerated().map { index, name in
            var candidate = name.trimmingCharacters(in: .whitespaces).isEmpty ? "_c\(index)" : name
            var suffix = 1
            let base = candidate
            while seen.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            seen.insert(candidate)
            return candidate
        }
    }
}

/// Where CSV data starts: after a UTF-8 byte-order mark, if there is one.
enum CSVReaderStart {
    static func position(of bytes: UnsafeRawBufferPointer) -> CSVPosition {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        return CSVPosition(offset: bom ? 3 : 0, line: 1, lineStart: bom ? 3 : 0)
    }
}

import Foundation
