/// An immutable column: a typed contiguous buffer plus an optional validity bitmap.
///
/// `validity == nil` means no value is null. Null slots hold a placeholder in the buffer
/// (zero, false or an empty string) so buffers stay dense and index-aligned. A string column
/// read through a dictionary may hold only codes until something reads `storage`.
public struct Column: Sendable, Hashable {
    /// Where a column's values are: in a buffer, or still only as dictionary codes.
    enum Values: Sendable {
        case stored(ColumnStorage)
        case deferred(DeferredStrings)
    }

    public let dataType: DataType
    let values: Values
    public let validity: Bitmap?
    /// The dictionary the values were read with, when a reader kept it (not part of equality).
    public let dictionary: ColumnDictionary?

    public init(dataType: DataType, storage: ColumnStorage, validity: Bitmap? = nil, dictionary: ColumnDictionary? = nil) {
        precondition(validity == nil || validity!.count == storage.count, "validity and values differ in length")
        precondition(dictionary == nil || dictionary!.codes.count == storage.count, "dictionary codes and values differ in length")
        self.dataType = dataType
        self.values = .stored(storage)
        self.validity = validity
        self.dictionary = dictionary
    }

    /// A string or binary column whose values are `dictionary`'s at its codes (empty at nulls),
    /// looked up the first time something reads `storage`: operators that work on the codes,
    /// such as grouping, never pay for the strings.
    public init(dataType: DataType, dictionary: ColumnDictionary, validity: Bitmap? = nil) {
        precondition(dataType.physical == .bytes, "only string and binary columns defer to a dictionary")
        precondition(validity == nil || validity!.count == dictionary.codes.count, "validity and codes differ in length")
        self.dataType = dataType
        self.values = .deferred(DeferredStrings(dictionary: dictionary, validity: validity))
        self.validity = validity
        self.dictionary = dictionary
    }

    /// The values' buffer (for a column that holds only dictionary codes, built on first use).
    public var storage: ColumnStorage {
        switch values {
        case .stored(let storage): storage
        case .deferred(let strings): strings.storage
        }
    }

    public static func == (left: Column, right: Column) -> Bool {
        left.dataType == right.dataType && left.storage == right.storage && left.validity == right.validity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dataType)
        hasher.combine(storage)
        hasher.combine(validity)
    }

    /// The number of rows.
    public var count: Int {
        switch values {
        case .stored(let storage): storage.count
        case .deferred(let strings): strings.dictionary.codes.count
        }
    }

    /// Whether row `index` is null.
    @inline(__always)
    public func isNull(_ index: Int) -> Bool {
        guard let validity else { return false }
        return !validity[index]
    }

    /// The number of null rows.
    public var nullCount: Int { validity.map { count - $0.setCount } ?? 0 }

    /// Row `index` as a `ScalarValue` (slow path).
    public func value(at index: Int) -> ScalarValue {
        if isNull(index) { return .null }
        switch (dataType, storage) {
        case (.boolean, .boolean(let v)): return .boolean(v[index])
        case (.int8, .int32(let v)): return .int8(Int8(truncatingIfNeeded: v[index]))
        case (.int16, .int32(let v)): return .int16(Int16(truncatingIfNeeded: v[index]))
        case (.int32, .int32(let v)): return .int32(v[index])
        case (.date, .int32(let v)): return .date(v[index])
        case (.int64, .int64(let v)): return .int64(v[index])
        case (.timestamp, .int64(let v)): return .timestamp(v[index])
        case (.timestampNTZ, .int64(let v)): return .timestampNTZ(v[index])
        case (.float32, .float64(let v)): return .float32(Float(v[index]))
        case (.float64, .float64(let v)): return .float64(v[index])
        case (.decimal(_, let scale), .decimal(let v)): return .decimal(DecimalValue(unscaled: v[index], scale: scale))
        case (.string, .string(let v)): return .string(v.string(at: index))
        case (.binary, .string(let v)): return .binary(Array(v.utf8(at: index)))
        case (.array, .list(let offsets, let values)):
            return .array((offsets[index]..<offsets[index + 1]).map { values.value(at: $0) })
        case (.map, .list(let offsets, let values)):
            guard case .structure(let entries, _) = values.storage, entries.count == 2 else { break }
            let range = offsets[index]..<offsets[index + 1]
            return .map(keys: range.map { entries[0].value(at: $0) }, values: range.map { entries[1].value(at: $0) })
        case (.struct, .structure(let children, _)): return .struct(children.map { $0.value(at: index) })
        default: break
        }
        preconditionFailure("column of type \(dataType) has mismatched storage")
    }

    /// A column of `count` nulls of type `type`.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        var builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { builder.appendNull() }
        return builder.finish()
    }
}
