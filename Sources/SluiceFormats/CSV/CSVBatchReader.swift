import Foundation
import SluiceEngine
import SluiceSpec

/// Reads one chunk of CSV data into batches under a known schema, one batch per call,
/// resuming where the previous call stopped. A stream pulls it from one task at a time.
final class CSVBatchReader: @unchecked Sendable {
    private let data: Data
    private let file: String
    private let schema: Schema
    private let options: CSVOptions
    private let nullValue: [UInt8]
    private let chunk: CSVChunk
    /// The fields parsed (indices into `schema`), in order; the others are skipped.
    private let selected: [Int]
    private let output: Schema
    private var position: CSVPosition
    private var fields: [CSVField] = []
    /// How each parsed field is converted: the output types, resolved once.
    private let kinds: [CSVFieldKind]
    private let fieldCount: Int
    /// Finds runs of plain records (no quotes, as many fields as the schema), read a column at
    /// a time; nil where every record goes through the tokenizer.
    private var index: CSVRecordIndex?
    /// The string columns found mostly distinct, which are read without a dictionary.
    private var distinctColumns: [Bool]

    /// A reader of `chunk`; `plainRuns: false` sends every record through the tokenizer.
    init(data: Data, file: String, schema: Schema, options: CSVOptions, chunk: CSVChunk, selected: [Int]? = nil,
         plainRuns: Bool = true) {
        self.selected = selected ?? Array(schema.fields.indices)
        output = Schema(self.selected.map { schema.fields[$0] })
        self.data = data
        self.file = file
        self.schema = schema
        self.options = options
        self.chunk = chunk
        nullValue = Array(options.nullValue.utf8)
        kinds = output.fields.map { CSVFieldKind($0.type) }
        fieldCount = schema.fields.count
        distinctColumns = Array(repeating: false, count: self.selected.count)
        // Lines count from 1 within a chunk whose first line is unknown, until an error needs the true number.
        position = CSVPosition(offset: chunk.start, line: chunk.firstLine ?? 1, lineStart: chunk.start)
        // Dropping malformed rows needs every field of a row checked before any is kept: row by row.
        guard plainRuns, options.parseMode != .dropMalformed, CSVRecordIndex.supports(delimiter: options.delimiter, quote: options.quote) else { return }
        index = CSVRecordIndex(fieldCount: fieldCount, delimiter: options.delimiter, quote: options.quote)
    }

    /// The next batch of up to `RecordBatch.preferredRowCount` rows, or nil at the end of the chunk.
    func next() throws -> RecordBatch? {
        do {
            return try nextBatch()
        } catch let error as SluiceError {
            guard chunk.firstLine == nil, let location = error.location else { throw error }
            var located = error
            let before = data.withUnsafeBytes { CSVChunker.line(at: chunk.start, in: $0) } - 1
            located.location = SourceLocation(file: location.file, line: location.line + before, column: location.column)
            throw located
        }
    }

    private func nextBatch() throws -> RecordBatch? {
        try data.withUnsafeBytes { all throws(SluiceError) -> RecordBatch? in
            let bytes = all.slice(0, chunk.end)
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: options.delimiter, quote: options.quote,
                                         escape: options.escape, file: file, position: position)
            var builders = output.fields.indices.map {
                ColumnBuilder(type: output.fields[$0].type, capacity: RecordBatch.preferredRowCount, dictionaryEncoded: !distinctColumns[$0])
            }
            var rows = 0
            // The field buffer is borrowed into a local for the loop: no class access per record.
            var fields: [CSVField] = []
            swap(&fields, &self.fields)
            defer { swap(&fields, &self.fields) }
            // Runs of plain records are converted a column at a time; any other record, one at a time.
            // After a record the scan cannot take, the tokenizer reads it and a few more: one at
            // first, twice as many after each try that finds no run, so input with no plain run costs little.
            var tokenized = 0, backoff = 1
            while rows < RecordBatch.preferredRowCount {
                if index != nil, tokenized == 0 {
                    let first = tokenizer.position
                    let records = index!.scan(bytes, from: first.offset, limit: RecordBatch.preferredRowCount - rows)
                    if records > 0 {
                        try appendRun(records, line: first.line, bytes: bytes, to: &builders)
                        tokenizer.position = CSVPosition(offset: index!.end, line: first.line + records, lineStart: index!.end)
                        rows += records
                        backoff = 1
                        continue
                    }
                    tokenized = backoff
                    backoff = min(backoff * 2, 64)
                }
                guard let start = try tokenizer.nextRecord(into: &fields) else { break }
                tokenized = max(0, tokenized - 1)
                if try append(fields, bytes: bytes, line: start.line, lineStart: start.lineStart, to: &builders) { rows += 1 }
            }
            position = tokenizer.position
            guard rows > 0 else { return nil }
            let columns = builders.indices.map { builders[$0].finish() }
            // A string column that came out mostly distinct is read without a dictionary from then on.
            for (index, column) in columns.enumerated() where column.dataType.physical == .bytes && column.dictionary == nil {
                distinctColumns[index] = true
            }
            return RecordBatch(schema: output, columns: columns)
        }
    }

    /// Every remaining batch of the chunk.
    func readAll() throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }

    /// Appends one record; false when it was dropped.
    private func append(_ fields: [CSVField], bytes: UnsafeRawBufferPointer, line: Int, lineStart: Int,
                        to builders: inout [ColumnBuilder]) throws(SluiceError) -> Bool {
        if fields.count != fieldCount {
            switch options.parseMode {
            case .failFast:
                throw SluiceError(.malformedData, "expected \(schema.fields.count) fields, found \(fields.count)",
                                  location: SourceLocation(file: file, line: line, column: 1),
                                  hint: "check the delimiter and quoting on this line, or set \"mode\": \"PERMISSIVE\" or \"DROPMALFORMED\"")
            case .dropMalformed: return false
            case .permissive: break
            }
        }
        // Dropping a row must leave no trace, so its fields are checked before any is appended.
        if options.parseMode == .dropMalformed {
            var scratch = builders.map { ColumnBuilder(type: $0.type) }
            for index in builders.indices where !appendField(fields[selected[index]], bytes: bytes, kind: kinds[index], to: &scratch[index]) {
                if options.speculative { throw sampleMismatch(index, fields[selected[index]], bytes, line, lineStart) }
                return false
            }
        }
        for index in builders.indices {
            guard selected[index] < fields.count else { builders[index].appendNull(); continue }
            let field = fields[selected[index]]
            if appendField(field, bytes: bytes, kind: kinds[index], to: &builders[index]) { continue }
            try reject(field, column: index, bytes: bytes, line: line, lineStart: lineStart, into: &builders[index])
        }
        return true
    }

    /// Converts the run of records `index` found, a column at a time. A value that does not
    /// parse is rejected as the record-by-record path would: the first in row order.
    private func appendRun(_ records: Int, line: Int, bytes: UnsafeRawBufferPointer,
                           to builders: inout [ColumnBuilder]) throws(SluiceError) {
        guard let index else { return }
        for column in builders.indices {
            let field = selected[column], kind = kinds[column]
            for record in 0..<records {
                let range = index.field(field, of: record, in: bytes)
                if parse(bytes.slice(range.lowerBound, range.upperBound), quoted: false, kind: kind, into: &builders[column]) { continue }
                if options.parseMode == .permissive, !options.speculative { builders[column].appendNull(); continue }
                try rejectFirst(through: record, line: line, bytes: bytes)
            }
        }
    }

    /// Throws for the first value, in row order, of the run's first `record + 1` records
    /// that does not parse.
    private func rejectFirst(through record: Int, line: Int, bytes: UnsafeRawBufferPointer) throws(SluiceError) {
        guard let index else { return }
        var scratch = output.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0...record {
            for column in scratch.indices {
                let range = index.field(selected[column], of: row, in: bytes)
                if parse(bytes.slice(range.lowerBound, range.upperBound), quoted: false, kind: kinds[column], into: &scratch[column]) { continue }
                let field = CSVField(start: range.lowerBound, end: range.upperBound, quoted: false, escaped: false)
                try reject(field, column: column, bytes: bytes, line: line + row, lineStart: index.recordStart(row), into: &scratch[column])
            }
        }
    }

    /// A value that does not parse as its column's type: a null in PERMISSIVE mode, else an error.
    private func reject(_ field: CSVField, column index: Int, bytes: UnsafeRawBufferPointer, line: Int, lineStart: Int,
                        into builder: inout ColumnBuilder) throws(SluiceError) {
        if options.speculative { throw sampleMismatch(index, field, bytes, line, lineStart) }
        guard options.parseMode == .failFast else { builder.appendNull(); return }
        let text = String(decoding: bytes.slice(field.start, field.end), as: UTF8.self)
        throw SluiceError(.malformedData,
                          "column '\(output.fields[index].name)': '\(text)' is not a \(builder.type.sqlName)",
                          location: SourceLocation(file: file, line: line, column: CSVTokenizer.column(of: field.start, lineStart: lineStart)),
                          hint: "fix the value, declare the column as STRING in \"schema\", or set \"mode\": \"PERMISSIVE\" (nulls) or \"DROPMALFORMED\" (skip the row)")
    }

    /// The error for a value that does not fit a type inferred from a sample of the data.
    private func sampleMismatch(_ index: Int, _ field: CSVField, _ bytes: UnsafeRawBufferPointer, _ line: Int, _ lineStart: Int) -> SluiceError {
        let text = String(decoding: bytes.slice(field.start, field.end), as: UTF8.self)
        return SluiceError(.sampledSchemaMismatch,
                           "column '\(output.fields[index].name)': '\(text)' does not fit the type \(output.fields[index].type.sqlName) inferred from a sample of the file",
                           location: SourceLocation(file: file, line: line, column: CSVTokenizer.column(of: field.start, lineStart: lineStart)),
                           hint: "infer the schema from the whole file (pipeline runs do so by themselves), or give the column's type in \"schema\"")
    }

    /// Parses one field into `builder`; false (nothing appended) when it does not parse.
    private func appendField(_ field: CSVField, bytes: UnsafeRawBufferPointer, kind: CSVFieldKind, to builder: inout ColumnBuilder) -> Bool {
        if field.escaped {
            let unescaped = field.unescaped(in: bytes, quote: options.quote, escape: options.escape)
            return unescaped.withUnsafeBytes { parse($0, quoted: true, kind: kind, into: &builder) }
        }
        return parse(bytes.slice(field.start, field.end), quoted: field.quoted, kind: kind, into: &builder)
    }

    /// Appends the value of `text` as the builder's type (`kind`); the null text appends a null.
    private func parse(_ text: UnsafeRawBufferPointer, quoted: Bool, kind: CSVFieldKind, into builder: inout ColumnBuilder) -> Bool {
        if !quoted, text.count == nullValue.count, nullValue.isEmpty || nullValue.withUnsafeBytes({ memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 }) {
            builder.appendNull()
            return true
        }
        switch kind {
        case .string: builder.append(bytes: text)
        case .boolean: guard let v = TextFieldParser.bool(text) else { return false }; builder.append(v)
        case .int8: guard let v = TextFieldParser.int32(text), let small = Int8(exactly: v) else { return false }; builder.append(Int32(small))
        case .int16: guard let v = TextFieldParser.int32(text), let small = Int16(exactly: v) else { return false }; builder.append(Int32(small))
        case .int32: guard let v = TextFieldParser.int32(text) else { return false }; builder.append(v)
        case .int64: guard let v = TextFieldParser.int64(text) else { return false }; builder.append(v)
        case .double: guard let v = TextFieldParser.double(text) else { return false }; builder.append(v)
        case .decimal(let precision, let scale):
            guard let v = DecimalMath.parse(utf8: text, precision: precision, scale: scale) else { return false }
            builder.append(unscaled: v)
        case .binary: guard let v = Base64.decode(text) else { return false }; builder.append(utf8: v)
        case .date: guard let v = Temporal.parseDate(text) else { return false }; builder.append(v)
        case .timestamp: guard let v = Temporal.parseTimestamp(text) else { return false }; builder.append(v)
        case .nested: return false
        }
        return true
    }
}

/// How a CSV field is converted to its column's type: a flat copy of the type, so the hot
/// loop switches over it without touching the (indirect) `DataType`.
enum CSVFieldKind {
    case string, boolean, int8, int16, int32, int64, double, binary, date, timestamp, nested
    case decimal(precision: Int, scale: Int)

    init(_ type: DataType) {
        switch type {
        case .string: self = .string
        case .boolean: self = .boolean
        case .int8: self = .int8
        case .int16: self = .int16
        case .int32: self = .int32
        case .int64: self = .int64
        case .float32, .float64: self = .double
        case .decimal(let precision, let scale): self = .decimal(precision: precision, scale: scale)
        case .binary: self = .binary
        case .date: self = .date
        case .timestamp, .timestampNTZ: self = .timestamp
        case .array, .map, .struct: self = .nested
        }
    }
}
