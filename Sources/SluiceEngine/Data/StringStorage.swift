/// Variable-length UTF-8 values packed as one byte buffer plus `count + 1` offsets.
///
/// Value `i` is `bytes[offsets[i] ..< offsets[i + 1]]`; a null slot holds an empty range.
public struct StringStorage: Sendable, Hashable {
    public private(set) var offsets: [Int]
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 0) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
        bytes = []
    }

    /// Storage over prepared buffers: `offsets` starts at 0, never decreases, and ends at `bytes.count`.
    public init(offsets: [Int], bytes: [UInt8]) {
        precondition(offsets.first == 0 && offsets.last == bytes.count, "offsets do not frame the bytes")
        self.offsets = offsets
        self.bytes = bytes
    }

    /// Appends every value of `other`, in order.
    public mutating func append(contentsOf other: StringStorage) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        for index in 1..<other.offsets.count { offsets.append(base + other.offsets[index]) }
    }

    /// Values `range` as new storage, copied in bulk (offsets rebased to start at 0).
    public func slice(_ range: Range<Int>) -> StringStorage {
        let base = offsets[range.lowerBound]
        let end = offsets[range.upperBound]
        let rebased = offsets[range.lowerBound...range.upperBound].map { $0 - base }
        return StringStorage(offsets: rebased, bytes: Array(bytes[base..<end]))
    }

    /// The values at `indices`, in that order, copied in two passes: lengths, then bytes.
    public func take(_ indices: [Int]) -> StringStorage {
        var takenOffsets = [Int](repeating: 0, count: indices.count + 1)
        offsets.withUnsafeBufferPointer { offsets in
            for (position, index) in indices.enumerated() {
                takenOffsets[position + 1] = takenOffsets[position] + offsets[index + 1] - offsets[index]
            }
        }
        let total = takenOffsets[indices.count]
        let takenBytes = [UInt8](unsafeUninitializedCapacity: total) { target, initialized in
            bytes.withUnsafeBufferPointer { source in
                offsets.withUnsafeBufferPointer { offsets in
                    for (position, index) in indices.enumerated() {
                        let length = offsets[index + 1] - offsets[index]
                        if length > 0 {
                            (target.baseAddress! + takenOffsets[position]).update(from: source.baseAddress! + offsets[index], count: length)
                        }
                    }
                }
            }
            initialized = total
        }
        return StringStorage(offsets: takenOffsets, bytes: takenBytes)
    }

    /// Reserves room for `count` more values holding `byteCount` more bytes. Call it once up
    /// front: reserving exact sizes repeatedly defeats the arrays' geometric growth.
    public mutating func reserve(values count: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + count)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    /// The number of values.
    public var count: Int { offsets.count - 1 }

    /// Appends one value's UTF-8 bytes.
    public mutating func append(utf8: some Collection<UInt8>) {
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
    }

    /// Appends one value from raw bytes (a slice of an input buffer), without an intermediate copy.
    public mutating func append(bytes source: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: source)
        offsets.append(bytes.count)
    }

    /// Appends an empty slot (used for nulls).
    public mutating func appendEmpty() {
        offsets.append(bytes.count)
    }

    /// The bytes of value `index`.
    public func utf8(at index: Int) -> ArraySlice<UInt8> {
        bytes[offsets[index]..<offsets[index + 1]]
    }

    /// Value `index` as a `String` (invalid UTF-8 is repaired with U+FFFD).
    public func string(at index: Int) -> String {
        String(decoding: utf8(at: index), as: UTF8.self)
    }
}
