/// Builds a `Column` one value at a time (readers, kernels, tests). Each physical kind has
/// its own buffer, so an append is a plain array append. Arrays, maps and structs build
/// their child columns with child builders. Appending a value of the wrong physical kind is
/// a programming error and traps.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    /// `type.physical` and whether doubles round to float, worked out once for the appends.
    private let physical: PhysicalKind
    private let roundsToFloat: Bool
    private var booleans: [Bool] = []
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var float64s: [Double] = []
    private var decimals: [Int128] = []
    private var strings = StringStorage()
    /// Strings and binary values kept as dictionary codes, while that pays (see `dictionaryEncoded`).
    private var dictionary: StringDictionaryBuilder?
    /// Arrays and maps: one child (the elements, or STRUCT<key, value> entries); structs: one per field.
    private var children: [ColumnBuilder] = []
    private var listOffsets: [Int] = [0]
    /// Rows appended so far.
    public private(set) var count = 0
    /// Positions of the nulls; the validity bitmap is built once, in `finish()`, and only if there are any.
    private var nullRows: [Int] = []

    /// A builder for `type`, with room for `capacity` values. With `dictionaryEncoded`, a
    /// string or binary column interns its values and comes out as dictionary codes, unless
    /// they turn out mostly distinct (readers of text formats use it).
    public init(type: DataType, capacity: Int = 0, dictionaryEncoded: Bool = false) {
        self.type = type
        physical = type.physical
        roundsToFloat = type == .float32
        switch physical {
        case .boolean: booleans.reserveCapacity(capacity)
        case .int32: int32s.reserveCapacity(capacity)
        case .int64: int64s.reserveCapacity(capacity)
        case .float64: float64s.reserveCapacity(capacity)
        case .decimal: decimals.reserveCapacity(capacity)
        case .bytes:
            if dictionaryEncoded { dictionary = StringDictionaryBuilder(capacity: capacity) } else { strings = StringStorage(capacity: capacity) }
        case .list: children = [ColumnBuilder(type: type.listElement!)]
        case .structure: children = type.structFields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
        }
    }

    public mutating func appendNull() {
        nullRows.append(count)
        count += 1
        switch physical {
        case .boolean: booleans.append(false)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .float64: float64s.append(0)
        case .decimal: decimals.append(0)
        case .bytes: if dictionary != nil { dictionary!.appendNull() } else { strings.appendEmpty() }
        case .list: listOffsets.append(listOffsets.last!)
        case .structure: for index in children.indices { children[index].appendNull() }
        }
    }

    public mutating func append(_ value: Bool) {
        precondition(physical == .boolean, "append(Bool) to \(type)")
        booleans.append(value)
        count += 1
    }

    /// Appends an `int8`, `int16`, `int32` or a `date` (days since the epoch).
    public mutating func append(_ value: Int32) {
        precondition(physical == .int32, "append(Int32) to \(type)")
        int32s.append(value)
        count += 1
    }

    /// Appends an `int64`, or a timestamp (microseconds since the epoch).
    public mutating func append(_ value: Int64) {
        precondition(physical == .int64, "append(Int64) to \(type)")
        int64s.append(value)
        count += 1
    }

    /// Appends a `float64` or a `float32`.
    public mutating func append(_ value: Double) {
        precondition(physical == .float64, "append(Double) to \(type)")
        float64s.append(roundsToFloat ? Double(Float(value)) : value)
        count += 1
    }

    /// Appends a decimal's unscaled value, at the column type's scale.
    public mutating func append(unscaled value: Int128) {
        precondition(physical == .decimal, "append(unscaled:) to \(type)")
        decimals.append(value)
        count += 1
    }

    /// Appends a string (or binary value) from its bytes.
    public mutating func append(utf8: some Collection<UInt8>) {
        precondition(physical == .bytes, "append(utf8:) to \(type)")
        if dictionary != nil {
            if utf8.withContiguousStorageIfAvailable({ append(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                Array(utf8).withUnsafeBytes { append(bytes: $0) }
            }
            return
        }
        strings.append(utf8: utf8)
        count += 1
    }

    /// Appends a string (or binary value) from raw bytes (a slice of an input buffer).
    public mutating func append(bytes: UnsafeRawBufferPointer) {
        precondition(physical == .bytes, "append(bytes:) to \(type)")
        count += 1
        guard dictionary != nil else { strings.append(bytes: bytes); return }
        if !dictionary!.append(bytes) {
            strings = dictionary!.strings(validity: validity)
            dictionary = nil
        }
    }

    public mutating func append(_ value: String) {
        append(utf8: value.utf8)
    }

    /// Appends a `ScalarValue` of the column's physical kind (`.null` always fits); a
    /// decimal is brought to the column's scale, and becomes null if it does not fit.
    public mutating func append(_ value: ScalarValue) {
        switch value {
        case .null: appendNull()
        case .boolean(let v): append(v)
        case .int8(let v): append(Int32(v))
        case .int16(let v): append(Int32(v))
        case .int32(let v), .date(let v): append(v)
        case .int64(let v), .timestamp(let v), .timestampNTZ(let v): append(v)
        case .float32(let v): append(Double(v))
        case .float64(let v): append(v)
        case .decimal(let v):
            guard case .decimal(let precision, let scale) = type, let fitted = v.rescaled(to: scale, precision: precision) else {
                precondition(type.isDecimal, "append(decimal) to \(type)")
                appendNull()
                return
            }
            append(unscaled: fitted.unscaled)
        case .string(let v): append(v)
        case .binary(let v): append(utf8: v)
        case .array(let items):
            precondition(physical == .list, "append(array) to \(type)")
            for item in items { children[0].append(item) }
            listOffsets.append(listOffsets.last! + items.count)
            count += 1
        case .map(let keys, let values):
            precondition(physical == .list, "append(map) to \(type)")
            for (key, value) in zip(keys, values) { children[0].append(.struct([key, value])) }
            listOffsets.append(listOffsets.last! + keys.count)
            count += 1
        case .struct(let values):
            precondition(physical == .structure && values.count == children.count, "append(struct) to \(type)")
            for index in children.indices { children[index].append(values[index]) }
            count += 1
        }
    }

    /// Which rows are valid (nil when none is null).
    private var validity: Bitmap? {
        guard !nullRows.isEmpty else { return nil }
        var bits = Bitmap(count: count, value: true)
        for row in nullRows { bits[row] = false }
        return bits
    }

    /// The finished column; the builder is left empty.
    public mutating func finish() -> Column {
        let storage: ColumnStorage
        switch physical {
        case .boolean: storage = .boolean(booleans)
        case .int32: storage = .int32(int32s)
        case .int64: storage = .int64(int64s)
        case .float64: storage = .float64(float64s)
        case .decimal: storage = .decimal(decimals)
        case .bytes:
            if let dictionary {
                let column = dictionary.finish(type: type, validity: validity)
                self = ColumnBuilder(type: type, dictionaryEncoded: true)
                return column
            }
            storage = .string(strings)
        case .list: storage = .list(offsets: listOffsets, values: children[0].finish())
        case .structure: storage = .structure(children: children.indices.map { children[$0].finish() }, count: count)
        }
        let column = Column(dataType: type, storage: storage, validity: validity)
        self = ColumnBuilder(type: type)
        return column
    }
}
