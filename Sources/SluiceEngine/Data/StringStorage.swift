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
        append(contentsOf: other, values: 0..<other.count)
    }

    /// Appends values `range` of `other`, in order, with one bulk copy of their bytes.
    public mutating func append(contentsOf other: StringStorage, values range: Range<Int>) {
        guard !range.isEmpty else { return }
        let start = other.offsets[range.lowerBound]
        let shift = bytes.count - start
        bytes.append(contentsOf: other.bytes[start..<other.offsets[range.upperBound]])
        other.offsets.withUnsafeBufferPointer { source in
            for index in (range.lowerBound + 1)...range.upperBound { offsets.append(source[index] + shift) }
        }
    }

    /// The values at `indices` (each below `count`), in order, as new storage built with one
    /// allocation per buffer; rows that `validity` marks null get an empty value.
    public func gather(_ indices: [Int32], validity: Bitmap? = nil) -> StringStorage {
        let rows = indices.count
        let gatheredOffsets = [Int](unsafeUninitializedCapacity: rows + 1) { buffer, initialized in
            offsets.withUnsafeBufferPointer { source in
                indices.withUnsafeBufferPointer { indices in
                    var position = 0
                    buffer[0] = 0
                    for row in 0..<rows {
                        let index = Int(indices[row])
                        if validity?[row] != false { position += source[index + 1] - source[index] }
                        buffer[row + 1] = position
                    }
                }
            }
            initialized = rows + 1
        }
        let total = gatheredOffsets[rows]
        // Values are copied eight bytes at a time, spilling up to seven bytes past their end
        // (into the next value's place, or the spare room at the end) where the source allows.
        let gatheredBytes = [UInt8](unsafeUninitializedCapacity: total + 8) { buffer, initialized in
            offsets.withUnsafeBufferPointer { source in
                bytes.withUnsafeBytes { pool in
                    gatheredOffsets.withUnsafeBufferPointer { targets in
                        indices.withUnsafeBufferPointer { indices in
                            let target = UnsafeMutableRawPointer(buffer.baseAddress!)
                            for row in 0..<rows {
                                let start = source[Int(indices[row])], length = targets[row + 1] - targets[row]
                                Self.copy(length, from: pool, at: start, to: target + targets[row])
                            }
                        }
                    }
                }
            }
            initialized = total
        }
        return StringStorage(offsets: gatheredOffsets, bytes: gatheredBytes)
    }

    /// Copies `length` bytes of `pool` from `start` on to `target`, which has seven spare bytes
    /// past them; short values go by whole words rather than through a call to memmove.
    @inline(__always)
    private static func copy(_ length: Int, from pool: UnsafeRawBufferPointer, at start: Int, to target: UnsafeMutableRawPointer) {
        let rounded = (length + 7) & ~7
        if length <= 64, start + rounded <= pool.count {
            var offset = 0
            while offset < length {
                target.storeBytes(of: pool.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
        } else if length > 0 {
            target.copyMemory(from: pool.baseAddress! + start, byteCount: length)
        }
    }

    /// Values `range` as new storage, copied in bulk (offsets rebased to start at 0).
    public func slice(_ range: Range<Int>) -> StringStorage {
        let base = offsets[range.lowerBound]
        let end = offsets[range.upperBound]
        let rebased = offsets[range.lowerBound...range.upperBound].map { $0 - base }
        return StringStorage(offsets: rebased, bytes: Array(bytes[base..<end]))
    }

    /// The values at `indices`, in that order (`gather` with row numbers).
    public func take(_ indices: [Int]) -> StringStorage {
        gather(indices.map { Int32(truncatingIfNeeded: $0) })
    }

    /// Reserves room for `count` more values holding `byteCount` more bytes. Call it once up
    /// front: reserving exact sizes repeatedly defeats the arrays' geometric growth.
    public mutating func reserve(values count: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(offsets.count + count)
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    /// The number of values.
    public var count: Int { offsets.count - 1 }

    /// Calls `body` with each value's bytes, in order.
    func forEachValue(_ body: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            for row in 0..<count {
                body(UnsafeRawBufferPointer(start: all.baseAddress.map { $0 + offsets[row] }, count: offsets[row + 1] - offsets[row]))
            }
        }
    }

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
