/// Encodes record batches for spill files: each column's validity and buffers as raw
/// little-endian bytes, nested columns recursively. Only Sluice reads them back, in the same
/// process, with the same schema, so the format carries no types.
enum SpillCodec {
    static func encode(_ batch: RecordBatch, into out: inout [UInt8]) {
        append(batch.rowCount, to: &out)
        for column in batch.columns { encode(column, into: &out) }
    }

    static func encode(_ column: Column, into out: inout [UInt8]) {
        append(column.count, to: &out)
        if let validity = column.validity {
            out.append(1)
            appendArray(validity.words, to: &out)
        } else {
            out.append(0)
        }
        switch column.storage {
        case .boolean(let values): appendArray(values.map { $0 ? UInt8(1) : 0 }, to: &out)
        case .int32(let values): appendArray(values, to: &out)
        case .int64(let values): appendArray(values, to: &out)
        case .float64(let values): appendArray(values, to: &out)
        case .decimal(let values): appendArray(values, to: &out)
        case .string(let values):
            appendArray(values.offsets, to: &out)
            appendArray(values.bytes, to: &out)
        case .list(let offsets, let values):
            appendArray(offsets, to: &out)
            encode(values, into: &out)
        case .structure(let children, _):
            for child in children { encode(child, into: &out) }
        }
    }

    /// The batch of `schema` at `offset` in `bytes`; `offset` moves past it.
    static func decodeBatch(_ bytes: UnsafeRawBufferPointer, at offset: inout Int, schema: Schema) -> RecordBatch {
        let rows = read(Int.self, bytes, &offset)
        let columns = schema.fields.map { decode(bytes, at: &offset, type: $0.type) }
        precondition(columns.allSatisfy { $0.count == rows }, "spill file out of step")
        return RecordBatch(schema: schema, columns: columns)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: inout Int, type: DataType) -> Column {
        let count = read(Int.self, bytes, &offset)
        var validity: Bitmap?
        offset += 1
        if bytes[offset - 1] == 1 {
            var bits = Bitmap(count: count, value: true)
            for (index, word) in readArray(UInt64.self, bytes, &offset).enumerated() { bits.setWord(index, word) }
            validity = bits
        }
        let storage: ColumnStorage
        switch type.physical {
        case .boolean: storage = .boolean(readArray(UInt8.self, bytes, &offset).map { $0 != 0 })
        case .int32: storage = .int32(readArray(Int32.self, bytes, &offset))
        case .int64: storage = .int64(readArray(Int64.self, bytes, &offset))
        case .float64: storage = .float64(readArray(Double.self, bytes, &offset))
        case .decimal: storage = .decimal(readArray(Int128.self, bytes, &offset))
        case .bytes:
            let offsets = readArray(Int.self, bytes, &offset)
            storage = .string(StringStorage(offsets: offsets, bytes: readArray(UInt8.self, bytes, &offset)))
        case .list:
            let offsets = readArray(Int.self, bytes, &offset)
            storage = .list(offsets: offsets, values: decode(bytes, at: &offset, type: type.listElement!))
        case .structure:
            storage = .structure(children: type.structFields.map { decode(bytes, at: &offset, type: $0.type) }, count: count)
        }
        return Column(dataType: type, storage: storage, validity: validity)
    }

    private static func append(_ value: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: Int64(value).littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendArray<T: BitwiseCopyable>(_ values: [T], to out: inout [UInt8]) {
        append(values.count, to: &out)
        values.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    private static func read(_: Int.Type, _ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Int {
        defer { offset += 8 }
        return Int(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
    }

    private static func readArray<T: BitwiseCopyable>(_: T.Type, _ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> [T] {
        let count = read(Int.self, bytes, &offset)
        let size = count * MemoryLayout<T>.stride
        defer { offset += size }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)]))
            initialized = count
        }
    }
}
