import SluiceSpec

/// One data block of an object container file: a count of objects and their encoded bytes.
public struct AvroContainerBlock: Sendable {
    /// The number of objects.
    public var count: Int
    /// The objects' encoding, decompressed.
    public var data: [UInt8]
    /// The offset of the block in the file.
    public var offset: Int

    public init(count: Int, data: [UInt8], offset: Int) {
        self.count = count
        self.data = data
        self.offset = offset
    }

    /// Reads the block at `offset` of a file's bytes (an array, or a memory-mapped `Data`,
    /// of which only this block is copied) and checks the sync marker that ends it; returns
    /// the block and the offset after it.
    public static func read<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at offset: Int, header: AvroContainerHeader,
                                                                  file: String) throws(SluiceError) -> (AvroContainerBlock, next: Int) where Bytes.Index == Int {
        // The count and the size are two varints of at most 10 bytes each.
        var decoder = AvroBinaryDecoder(Array(bytes[offset..<min(offset + 20, bytes.endIndex)]), source: file)
        let count = try decoder.readLong()
        let size = try decoder.readLong()
        guard count >= 0, size >= 0 else {
            throw decoder.malformed("the block at byte \(offset) has a negative object count or size")
        }
        let start = offset + decoder.position
        guard size <= Int64(bytes.endIndex - start) - 16 else {
            throw SluiceError(.malformedData, "\(file): the block at byte \(offset) is truncated (it claims \(size) bytes, \(bytes.endIndex - start) remain)",
                              hint: "the file was cut short; re-create it from its source")
        }
        let range = start..<(start + Int(size))
        let sync = range.upperBound..<(range.upperBound + 16)
        guard bytes[sync].elementsEqual(header.syncMarker) else {
            throw SluiceError(.malformedData, "\(file): the sync marker after the block at byte \(offset) does not match the header's",
                              hint: "the file is damaged; re-create it from its source")
        }
        let data = try header.codec.decompress(Array(bytes[range]))
        return (AvroContainerBlock(count: Int(count), data: data, offset: offset), sync.upperBound)
    }

    /// The block's bytes in a file: count, size, the compressed objects, the sync marker.
    public static func encode(count: Int, objects: [UInt8], codec: AvroCodec, syncMarker: [UInt8]) throws(SluiceError) -> [UInt8] {
        let compressed = try codec.compress(objects)
        var encoder = AvroBinaryEncoder(capacity: compressed.count + 36)
        encoder.writeLong(Int64(count))
        encoder.writeLong(Int64(compressed.count))
        encoder.writeRaw(compressed)
        encoder.writeRaw(syncMarker)
        return encoder.bytes
    }
}
