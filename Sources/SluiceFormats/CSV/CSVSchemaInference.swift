import Dispatch
import SluiceEngine
import SluiceSpec

/// Works out the schema of CSV data: names from the header (made unique; `_cN` where
/// missing), and per column the narrowest type every non-null value fits. Large inputs are
/// inferred from a sample (`CSVInferenceSample`) when the options allow it, else split into
/// chunks (`CSVChunker`) inferred in parallel; their findings are intersected.
struct CSVSchemaInference {
    let options: CSVOptions
    let file: String
    var minimumChunkBytes = CSVChunker.minimumChunkBytes
    /// The columns whose types matter (lower-cased); the others stay strings, unexamined.
    var columns: Set<String>?

    func infer(_ bytes: UnsafeRawBufferPointer) throws(SluiceError) -> Schema {
        var tokenizer = makeTokenizer(bytes, at: CSVReaderStart.position(of: bytes))
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
        let dataStart = tokenizer.position
        if names == nil {
            var peek = tokenizer
            guard try peek.nextRecord(into: &fields) != nil else { return Schema([]) }
            names = (0..<fields.count).map { "_c\($0)" }
        }
        let columnNames = names ?? []
        guard options.inferSchema else { return Schema(columnNames.map { Field($0, .string) }) }

        let examined = columnNames.map { columns?.contains($0.lowercased()) ?? true }
        if let regions = CSVInferenceSample.regions(bytes, from: dataStart.offset, firstLine: dataStart.line, options: options),
           let found = try? merge(regions.map { region throws(SluiceError) in try candidates(bytes, chunk: region, examined: examined) },
                                  examined: examined),
           zip(found, examined).allSatisfy({ $0.sawValue || !$1 }) {
            // A column the sample shows only nulls for could hold anything: it needs the whole input.
            return Schema(zip(columnNames, found).map { Field($0, $1.type) })
        }
        let chunks = CSVChunker.split(bytes, from: dataStart.offset, firstLine: dataStart.line, options: options,
                                      minimumBytes: minimumChunkBytes)
        let results = parallelMap(chunks.count) { index in
            Result { () throws(SluiceError) in try candidates(bytes, chunk: chunks[index], examined: examined) }
        }
        var found: [[ColumnCandidates]] = []
        for result in results { found.append(try result.get()) }
        return Schema(zip(columnNames, merge(found, examined: examined)).map { Field($0, $1.type) })
    }

    /// What every part's values allow each column to be; unexamined columns stay strings.
    private func merge(_ parts: [[ColumnCandidates]], examined: [Bool]) -> [ColumnCandidates] {
        var merged = Array(repeating: ColumnCandidates(), count: examined.count)
        for index in merged.indices where !examined[index] { merged[index].ruleOutAll() }
        for found in parts {
            for index in merged.indices { merged[index].formIntersection(found[index]) }
        }
        return merged
    }

    /// What the values of one chunk allow each column to be. Reading stops at the first
    /// record boundary at or after the chunk's end (a chunk's end is one; a sample region's
    /// need not be).
    private func candidates(_ bytes: UnsafeRawBufferPointer, chunk: CSVChunk, examined: [Bool]) throws(SluiceError) -> [ColumnCandidates] {
        let columns = examined.count
        var tokenizer = makeTokenizer(bytes, at: CSVPosition(offset: chunk.start, line: chunk.firstLine ?? 1, lineStart: chunk.start))
        var found = Array(repeating: ColumnCandidates(), count: columns)
        var fields: [CSVField] = []
        let nullValue = Array(options.nullValue.utf8)
        while tokenizer.position.offset < chunk.end, try tokenizer.nextRecord(into: &fields) != nil {
            for (index, field) in fields.prefix(columns).enumerated() where examined[index] {
                let range = bytes.slice(field.start, field.end)
                if !field.quoted, range.elementsEqual(nullValue) { continue }
                if field.escaped {
                    let unescaped = field.unescaped(in: bytes, quote: options.quote, escape: options.escape)
                    unescaped.withUnsafeBytes { found[index].observe($0) }
                } else {
                    found[index].observe(range)
                }
            }
        }
        return found
    }

    private func makeTokenizer(_ bytes: UnsafeRawBufferPointer, at position: CSVPosition) -> CSVTokenizer {
        CSVTokenizer(bytes: bytes, delimiter: options.delimiter, quote: options.quote, escape: options.escape,
                     file: file, position: position)
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

/// The types one column could still have, narrowest first; values only ever rule types out.
struct ColumnCandidates: Sendable {
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

    /// Leaves only string: for columns that are not examined.
    mutating func ruleOutAll() {
        boolean = false; int32 = false; int64 = false; float64 = false; date = false; timestamp = false
    }

    /// What both this and `other` allow.
    mutating func formIntersection(_ other: ColumnCandidates) {
        boolean = boolean && other.boolean
        int32 = int32 && other.int32
        int64 = int64 && other.int64
        float64 = float64 && other.float64
        date = date && other.date
        timestamp = timestamp && other.timestamp
        sawValue = sawValue || other.sawValue
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
