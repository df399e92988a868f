/// Builds a `Column` one value at a time (readers, tests). Appending a value of the wrong
/// physical kind is a programming error and traps.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var storage: ColumnStorage
    private var validity: Bitmap
    private var hasNull = false

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        storage = .empty(for: type, capacity: capacity)
        validity = Bitmap(capacity: capacity)
    }

    /// The number of values appended so far.
    public var count: Int { validity.count }

    public mutating func appendNull() {
        hasNull = true
        validity.append(false)
        switch storage {
        case .boolean(var v): storage = .boolean([]); v.append(false); storage = .boolean(v)
        case .int32(var v): storage = .int32([]); v.append(0); storage = .int32(v)
        case .int64(var v): storage = .int64([]); v.append(0); storage = .int64(v)
        case .float64(var v): storage = .float64([]); v.append(0); storage = .float64(v)
        case .string(var v): storage = .string(StringStorage()); v.appendEmpty(); storage = .string(v)
        }
    }

    public mutating func append(_ value: Bool) {
        guard case .boolean(var v) = storage else { preconditionFailure("append(Bool) to \(type)") }
        storage = .boolean([]); v.append(value); storage = .boolean(v)
        validity.append(true)
    }

    /// Appends an `int32` or a `date` (days since the epoch).
    public mutating func append(_ value: Int32) {
        guard case .int32(var v) = storage else { preconditionFailure("append(Int32) to \(type)") }
        storage = .int32([]); v.append(value); storage = .int32(v)
        validity.append(true)
    }

    /// Appends an `int64` or a `timestamp` (microseconds since the epoch).
    public mutating func append(_ value: Int64) {
        guard case .int64(var v) = storage else { preconditionFailure("append(Int64) to \(type)") }
        storage = .int64([]); v.append(value); storage = .int64(v)
        validity.append(true)
    }

    public mutating func append(_ value: Double) {
        guard case .float64(var v) = storage else { preconditionFailure("append(Double) to \(type)") }
        storage = .float64([]); v.append(value); storage = .float64(v)
        validity.append(true)
    }

    /// Appends a string from its UTF-8 bytes.
    public mutating func append(utf8: some Collection<UInt8>) {
        guard case .string(var v) = storage else { preconditionFailure("append(utf8:) to \(type)") }
        storage = .string(StringStorage()); v.append(utf8: utf8); storage = .string(v)
        validity.append(true)
    }

    public mutating func append(_ value: String) {
        append(utf8: value.utf8)
    }

    /// Appends a `ScalarValue` whose case matches the column type (`.null` always fits).
    public mutating func append(_ value: ScalarValue) {
        switch value {
        case .null: appendNull()
        case .boolean(let v): append(v)
        case .int32(let v), .date(let v): append(v)
        case .int64(let v), .timestamp(let v): append(v)
        case .float64(let v): append(v)
        case .string(let v): append(v)
        }
    }

    /// The finished column; the builder is left empty.
    public mutating func finish() -> Column {
        let column = Column(dataType: type, storage: storage, validity: hasNull ? validity : nil)
        self = ColumnBuilder(type: type)
        return column
    }
}
