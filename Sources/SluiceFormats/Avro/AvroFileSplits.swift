/// Splits an object container file's data into ranges of whole blocks by searching for the
/// sync marker, so several cores can decode one large file, as Hadoop splits Avro files.
///
/// Split `i` owns the blocks that start in `[i × size, (i + 1) × size)`; the first block
/// after a position is found right after the first sync marker at or past it. Every split
/// finds its start on its own, and together they cover every block exactly once.
enum AvroFileSplits {
    /// The start offset of each non-empty split, in file order.
    static func starts<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, dataOffset: Int, syncMarker: [UInt8],
                                                             splitSize: Int) -> [Int] where Bytes.Index == Int {
        guard bytes.count - dataOffset > splitSize else { return [dataOffset] }
        var starts = [dataOffset]
        var boundary = dataOffset + splitSize
        while boundary < bytes.count {
            // A block starts right after a marker, so search from 16 bytes before the boundary.
            guard let marker = find(syncMarker, in: bytes, from: boundary - 16) else { break }
            let start = marker + 16
            if start >= bytes.count { break }
            if start > starts.last! { starts.append(start) }
            boundary = max(boundary + splitSize, start + 1)
        }
        return starts
    }

    /// The offset of the first occurrence of `marker` at or after `start`.
    static func find<Bytes: RandomAccessCollection<UInt8>>(_ marker: [UInt8], in bytes: Bytes, from start: Int) -> Int? where Bytes.Index == Int {
        guard marker.count == 16, bytes.count >= 16 else { return nil }
        let first = marker[0]
        var index = max(start, 0)
        while index + 16 <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + 16)].elementsEqual(marker) { return index }
            index += 1
        }
        return nil
    }
}
