import Foundation
import SluiceEngine
import SluiceSpec

/// Reads CSV data into batches under a known schema, one batch per call, resuming where
/// the previous call stopped. A stream pulls it from one task at a time.
final class CSVBatchReader: @unchecked Sendable {
    private let data: Data
    private let file: String
    private let schema: Schema
    private let options: CSVOptions
    private let nullValue: [UInt8]
    private var position: CSVPosition?
    private var fields: [CSVField] = []

    init(data: Data, file: String, schema: Schema, options: CSVOptions) {
        self.data = data
        self.file = file
        self.schema = schema
        self.options = options
        nullValue = Array(options.nullValue.utf8)
    }

    /// The next batch of up to `RecordBatch.preferredRowCount` rows, or nil at the end.
    func next() throws -> RecordBatch? {
        try data.withUnsafeBytes { bytes throws(SluiceError) -> RecordBatch? in
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: options.delimiter, quote: options.quote,
                                         escape: options.escape, file: file,
                                         position: position ?? CSVReaderStart.position(of: bytes))
            if position == nil, options.header { _ = try tokenizer.nextRecord(into: &fields) }
            var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: 1024) }
            var rows = 0
            while rows < RecordBatch.preferredRowCount, let start = try tokenizer.nextRecord(into: &fields) {
                if try append(fields, bytes: bytes, line: start.line, lineStart: start.lineStart, to: &builders) { rows += 1 }
            }
            position = tokenizer.position
            guard rows > 0 else { return nil }
            return RecordBatch(schema: schema, columns: builders.indices.map { builders[$0].finish() })
        }
    }

    /// Appends one record; false when it was dropped.
    private func append(_ fields: [CSVField], bytes: UnsafeRawBufferPointer, line: Int, lineStart: Int,
                        to builders: inout [ColumnBuilder]) throws(SluiceError) -> Bool {
        if fields.count != builders.count {
            switch options.parseMode {
            case .failFast:
                throw SluiceError(.malformedData, "expected \(builders.count) fields, found \(fields.count)",
                                  location: SourceLocation(file: file, line: line, column: 1),
                                  hint: "check the delimiter and quoting on this line, or set \"mode\": \"PERMISSIVE\" or \"DROPMALFORMED\"")
            case .dropMalformed: return false
            case .permissive: break
            }
        }
        var parsed: [ScalarValue] = []
        parsed.reserveCapacity(builders.count)
        for index in builders.indices {
            guard index < fields.count else { parsed.append(.null); continue }
            let field = fields[index]
            let value: ScalarValue?
            if field.escaped {
                let unescaped = field.unescaped(in: bytes, quote: options.quote, escape: options.escape)
                value = unescaped.withUnsafeBytes { parse($0, quoted: true, as: builders[index].type) }
            } else {
                value = parse(UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end]), quoted: field.quoted,
                              as: builders[index].type)
            }
            if let value {
                parsed.append(value)
                continue
            }
            switch options.parseMode {
            case .failFast:
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end]), as: UTF8.self)
                throw SluiceError(.malformedData,
                                  "column '\(schema.fields[index].name)': '\(text)' is not a \(builders[index].type.sqlName)",
                                  location: SourceLocation(file: file, line: line, column: CSVTokenizer.column(of: field.start, lineStart: lineStart)),
                                  hint: "fix the value, declare the column as STRING in \"schema\", or set \"mode\": \"PERMISSIVE\" (nulls) or \"DROPMALFORMED\" (skip the row)")
            case .dropMalformed: return false
            case .permissive: parsed.append(.null)
            }
        }
        for index in builders.indices { builders[index].append(parsed[index]) }
        return true
    }

    /// The value of a field as `type`; `.null` for the null text; nil when it does not parse.
    private func parse(_ text: UnsafeRawBufferPointer, quoted: Bool, as type: DataType) -> ScalarValue? {
        if !quoted, text.elementsEqual(nullValue) { return .null }
        switch type {
        case .string: return .string(String(decoding: text, as: UTF8.self))
        case .boolean: return TextFieldParser.bool(text).map(ScalarValue.boolean)
        case .int32: return TextFieldParser.int32(text).map(ScalarValue.int32)
        case .int64: return TextFieldParser.int64(text).map(ScalarValue.int64)
        case .float64: return TextFieldParser.double(text).map(ScalarValue.float64)
        case .date: return Temporal.parseDate(text).map(ScalarValue.date)
        case .timestamp: return Temporal.parseTimestamp(text).map(ScalarValue.timestamp)
        }
    }
}
