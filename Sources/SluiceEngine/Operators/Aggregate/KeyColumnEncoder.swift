/// Maps the values of one grouping column to dense codes, remembered across batches:
/// code 0 is null, code `c + 1` the `c`-th distinct value seen. Strings go through a
/// `ByteInterner` (so do binary values and decimals, as their 16 bytes), numbers through a
/// dictionary of their 64-bit patterns; arrays, maps and structs (rare keys) by value.
struct KeyColumnEncoder {
    let type: DataType
    private var strings = ByteInterner()
    private var numbers = IntegerInterner()
    private var nested: [ScalarValue: Int32] = [:]
    private var nestedValues: [ScalarValue] = []

    init(type: DataType) {
        self.type = type
    }

    /// The number of codes handed out so far, null's included.
    var codeCount: Int { 1 + (type.isNested ? nestedValues.count : internsBytes ? strings.count : numbers.count) }

    private var internsBytes: Bool { type.physical == .bytes || type.physical == .decimal }

    /// The code of every row of `column`, appended to `codes`.
    mutating func encode(_ column: Column, into codes: inout [Int32]) {
        let start = codes.count
        if let dictionary = internedDictionary(of: column) {
            encode(dictionary, into: &codes)
        } else {
            encodeValues(column, into: &codes)
        }
        if let validity = column.validity {
            for row in 0..<column.count where !validity[row] { codes[start + row] = 0 }
        }
    }

    /// The code of each value of a dictionary of strings (or binary values), interned once.
    mutating func mapping(of dictionary: ColumnDictionary) -> [Int32] {
        // Code 0 is null: the interner's codes move up by one.
        strings.codes(of: dictionary.values).map { $0 + 1 }
    }

    /// The dictionary `column`'s values are interned through: strings or binary values read
    /// through a non-empty dictionary.
    private func internedDictionary(of column: Column) -> ColumnDictionary? {
        guard type.physical == .bytes, let dictionary = column.dictionary, dictionary.values.count > 0 else { return nil }
        return dictionary
    }

    /// The dictionary `column`'s rows can be grouped through (`mapping(of:)`): an interned
    /// dictionary of a column without nulls.
    func groupingDictionary(of column: Column) -> ColumnDictionary? {
        column.validity == nil ? internedDictionary(of: column) : nil
    }

    /// A dictionary-coded column: each dictionary value is interned once, and rows map through their codes.
    private mutating func encode(_ dictionary: ColumnDictionary, into codes: inout [Int32]) {
        let mapping = mapping(of: dictionary)
        let rows = dictionary.codes.count
        let mapped = [Int32](unsafeUninitializedCapacity: rows) { buffer, initialized in
            mapping.withUnsafeBufferPointer { mapping in
                dictionary.codes.withUnsafeBufferPointer { source in
                    for row in 0..<rows { buffer[row] = mapping[Int(source[row])] }
                }
            }
            initialized = rows
        }
        if codes.isEmpty { codes = mapped } else { codes.append(contentsOf: mapped) }
    }

    private mutating func encodeValues(_ column: Column, into codes: inout [Int32]) {
        switch column.storage {
        case .string(let storage):
            storage.forEachValue { codes.append(strings.code(of: $0) + 1) }
        case .decimal(let values):
            for var value in values { codes.append(withUnsafeBytes(of: &value) { strings.code(of: $0) } + 1) }
        case .int32(let values): for value in values { codes.append(code(Int64(value))) }
        case .int64(let values): for value in values { codes.append(code(value)) }
        case .boolean(let values): for value in values { codes.append(code(value ? 1 : 0)) }
        case .float64(let values): for value in values { codes.append(code(Self.numberKey(value))) }
        case .list, .structure:
            for row in 0..<column.count {
                let value = column.value(at: row)
                if let known = nested[value] { codes.append(known + 1); continue }
                nested[value] = Int32(nestedValues.count)
                codes.append(Int32(nestedValues.count) + 1)
                nestedValues.append(value)
            }
        }
    }

    /// The 64 bits a double is interned as: -0.0 and 0.0 group together, and every NaN with
    /// every other, as in Spark.
    @inline(__always)
    private static func numberKey(_ value: Double) -> Int64 {
        value == 0 ? 0 : value.isNaN ? Int64.max : Int64(bitPattern: value.bitPattern)
    }

    /// The code of every row of `column` among the values seen so far, -1 for a value never
    /// seen; nothing is added. For aggregations that stopped taking new groups.
    func existingCodes(_ column: Column) -> [Int32] {
        var codes: [Int32]
        func known(_ code: Int32?) -> Int32 { code.map { $0 + 1 } ?? -1 }
        if let dictionary = internedDictionary(of: column) {
            // Each dictionary value is looked up once; rows map through their codes (the strings are never built).
            let values = dictionary.values
            var mapping: [Int32] = []
            values.forEachValue { mapping.append(known(strings.existingCode(of: $0))) }
            codes = dictionary.codes.map { mapping[Int($0)] }
        } else {
            codes = existingValueCodes(column, known)
        }
        if let validity = column.validity {
            for row in 0..<column.count where !validity[row] { codes[row] = 0 }
        }
        return codes
    }

    private func existingValueCodes(_ column: Column, _ known: (Int32?) -> Int32) -> [Int32] {
        var codes: [Int32] = []
        codes.reserveCapacity(column.count)
        switch column.storage {
        case .string(let storage):
            storage.forEachValue { codes.append(known(strings.existingCode(of: $0))) }
        case .decimal(let values):
            for var value in values { codes.append(known(withUnsafeBytes(of: &value) { strings.existingCode(of: $0) })) }
        case .int32(let values): for value in values { codes.append(known(numbers.existingCode(of: Int64(value)))) }
        case .int64(let values): for value in values { codes.append(known(numbers.existingCode(of: value))) }
        case .boolean(let values): for value in values { codes.append(known(numbers.existingCode(of: value ? 1 : 0))) }
        case .float64(let values): for value in values { codes.append(known(numbers.existingCode(of: Self.numberKey(value)))) }
        case .list, .structure: for row in 0..<column.count { codes.append(known(nested[column.value(at: row)])) }
        }
        return codes
    }

    /// About how many bytes the encoder's values take.
    var estimatedBytes: Int { strings.estimatedBytes + numbers.count * 12 + nestedValues.count * 64 }

    @inline(__always)
    private mutating func code(_ value: Int64) -> Int32 {
        numbers.code(of: value) + 1
    }

    /// The value a code stands for.
    func value(of code: Int32) -> ScalarValue {
        if code == 0 { return .null }
        let index = Int(code) - 1
        let numberValues = numbers.values
        if type.isNested { return nestedValues[index] }
        switch type {
        case .string: return .string(String(decoding: strings.bytes(of: index), as: UTF8.self))
        case .binary: return .binary(Array(strings.bytes(of: index)))
        case .decimal(_, let scale):
            let unscaled = strings.bytes(of: index).withUnsafeBytes { $0.loadUnaligned(as: Int128.self) }
            return .decimal(DecimalValue(unscaled: unscaled, scale: scale))
        case .boolean: return .boolean(numberValues[index] != 0)
        case .int8: return .int8(Int8(numberValues[index]))
        case .int16: return .int16(Int16(numberValues[index]))
        case .int32: return .int32(Int32(numberValues[index]))
        case .date: return .date(Int32(numberValues[index]))
        case .int64: return .int64(numberValues[index])
        case .timestamp: return .timestamp(numberValues[index])
        case .timestampNTZ: return .timestampNTZ(numberValues[index])
        case .float32, .float64:
            let bits = numberValues[index]
            let double = bits == 0 ? 0 : bits == Int64.max ? Double.nan : Double(bitPattern: UInt64(bitPattern: bits))
            return type == .float32 ? .float32(Float(double)) : .float64(double)
        case .array, .map, .struct: return nestedValues[index]
        }
    }
}
