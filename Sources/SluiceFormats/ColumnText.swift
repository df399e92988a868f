import SluiceEngine

/// Renders a whole column as text in one typed loop, into one packed buffer (value `i` is
/// `bytes[offsets[i] ..< offsets[i + 1]]`). Writers then interleave rows by copying slices,
/// so no value goes through `String` or `ScalarValue`.
struct ColumnText {
    /// How strings, dates and timestamps are written.
    enum Style {
        /// CSV: strings quoted only when they must be, per the options.
        case csv(CSVOptions)
        /// JSON: strings, dates and timestamps as escaped JSON strings; non-finite doubles as strings.
        case json
    }

    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = [0]

    init(_ column: Column, style: Style) {
        bytes.reserveCapacity(column.count * 8)
        offsets.reserveCapacity(column.count + 1)
        let isJSON: Bool
        if case .json = style { isJSON = true } else { isJSON = false }
        switch (column.dataType, column.storage) {
        case (.boolean, .boolean(let values)):
            for value in values { bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes); offsets.append(bytes.count) }
        case (.int8, .int32(let values)), (.int16, .int32(let values)), (.int32, .int32(let values)):
            for value in values { TextNumbers.append(Int64(value), to: &bytes); offsets.append(bytes.count) }
        case (.int64, .int64(let values)):
            for value in values { TextNumbers.append(value, to: &bytes); offsets.append(bytes.count) }
        case (.float32, .float64(let values)), (.float64, .float64(let values)):
            let single = column.dataType == .float32
            for value in values {
                let special = !value.isFinite
                if special && isJSON { bytes.append(UInt8(ascii: "\"")) }
                if single && !special { bytes.append(contentsOf: Float(value).description.utf8) } else { TextNumbers.append(value, to: &bytes) }
                if special && isJSON { bytes.append(UInt8(ascii: "\"")) }
                offsets.append(bytes.count)
            }
        case (.date, .int32(let values)):
            for value in values {
                if isJSON { bytes.append(UInt8(ascii: "\"")) }
                Temporal.appendDate(Int(value), to: &bytes)
                if isJSON { bytes.append(UInt8(ascii: "\"")) }
                offsets.append(bytes.count)
            }
        case (.decimal(_, let scale), .decimal(let values)):
            for value in values { bytes.append(contentsOf: DecimalMath.format(value, scale: scale).utf8); offsets.append(bytes.count) }
        case (.binary, .string(let strings)):
            for index in 0..<strings.count {
                let value = strings.utf8(at: index)
                // Quoted when JSON, and when empty in CSV (so an empty value and null stay distinct).
                let quoted = isJSON || value.isEmpty
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                Base64.append(value, to: &bytes)
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                offsets.append(bytes.count)
            }
        case (.timestamp, .int64(let values)), (.timestampNTZ, .int64(let values)):
            let zone = column.dataType == .timestamp
            for value in values {
                if isJSON { bytes.append(UInt8(ascii: "\"")) }
                Temporal.appendTimestamp(value, zone: zone, to: &bytes)
                if isJSON { bytes.append(UInt8(ascii: "\"")) }
                offsets.append(bytes.count)
            }
        case (.string, .string(let strings)):
            strings.bytes.withUnsafeBufferPointer { all in
                for index in 0..<strings.count {
                    let value = UnsafeBufferPointer(rebasing: all[strings.offsets[index]..<strings.offsets[index + 1]])
                    switch style {
                    case .csv(let options): Self.appendCSV(value, options: options, to: &bytes)
                    case .json: Self.appendJSON(value, to: &bytes)
                    }
                    offsets.append(bytes.count)
                }
            }
        case (_, .list), (_, .structure):
            // Nested values as JSON: a JSON value in JSON Lines, a JSON text field in CSV.
            var text: [UInt8] = []
            for row in 0..<column.count {
                text.removeAll(keepingCapacity: true)
                NestedJSONText.append(column.value(at: row), type: column.dataType, omitNullFields: isJSON, to: &text)
                switch style {
                case .csv(let options): text.withUnsafeBufferPointer { Self.appendCSV($0, options: options, to: &bytes) }
                case .json: bytes.append(contentsOf: text)
                }
                offsets.append(bytes.count)
            }
        default:
            preconditionFailure("column of type \(column.dataType) has mismatched storage")
        }
    }

    /// The length of row `index`'s text.
    @inline(__always)
    func length(_ index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// Calls `body` with the text's bytes and offsets, without copying them.
    func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in offsets.withUnsafeBufferPointer { body(bytes, $0) } }
    }

    /// The text of row `index`.
    @inline(__always)
    func range(_ index: Int) -> Range<Int> { offsets[index]..<offsets[index + 1] }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    /// A CSV field: quoted when it holds the delimiter, the quote, the escape, a line break or
    /// leading or trailing spaces, or when it is empty (so "" and null stay distinct).
    static func appendCSV(_ value: UnsafeBufferPointer<UInt8>, options: CSVOptions, to out: inout [UInt8]) {
        var needsQuotes = value.isEmpty || value.first == UInt8(ascii: " ") || value.last == UInt8(ascii: " ")
        if !needsQuotes {
            for byte in value where byte == options.delimiter || byte == options.quote || byte == options.escape
                || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            out.append(contentsOf: value)
            return
        }
        out.append(options.quote)
        for byte in value {
            if byte == options.quote || (byte == options.escape && options.escape != options.quote) { out.append(options.escape) }
            out.append(byte)
        }
        out.append(options.quote)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSON(_ value: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
