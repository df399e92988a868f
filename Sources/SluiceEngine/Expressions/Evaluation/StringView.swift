/// A read-only view of a string column's buffers for the kernels: each row's UTF-8 bytes as
/// an `UnsafeBufferPointer` into the column's own storage, nothing copied. Valid only inside
/// the closure of `StringView.with`.
struct StringView {
    let bytes: UnsafeBufferPointer<UInt8>
    let offsets: UnsafeBufferPointer<Int>

    /// The number of values.
    var count: Int { offsets.count - 1 }

    /// The bytes of row `row` (empty for a null row).
    @inline(__always)
    subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[offsets[row]..<offsets[row + 1]])
    }

    /// Calls `body` with a view of `storage`.
    static func with<Result>(_ storage: StringStorage, _ body: (StringView) -> Result) -> Result {
        storage.bytes.withUnsafeBufferPointer { bytes in
            storage.offsets.withUnsafeBufferPointer { offsets in body(StringView(bytes: bytes, offsets: offsets)) }
        }
    }

    /// Calls `body` with a view of each of `storages`, in order.
    static func with<Result>(_ storages: [StringStorage], _ body: ([StringView]) -> Result) -> Result {
        func nest(_ index: Int, _ views: [StringView]) -> Result {
            guard index < storages.count else { return body(views) }
            return with(storages[index]) { nest(index + 1, views + [$0]) }
        }
        return nest(0, [])
    }
}

extension Column {
    /// The column's string buffers; nil unless it is a string (or binary) column.
    var stringStorage: StringStorage? {
        if case .string(let strings) = storage { return strings }
        return nil
    }

    /// The rows where every one of `columns` has a value: what a function that is null when any
    /// argument is null keeps (nil when no row is null).
    static func commonValidity(_ columns: some Collection<Column>) -> Bitmap? {
        columns.dropFirst().reduce(columns.first?.validity) { Bitmap.and($0, $1.validity) }
    }
}
