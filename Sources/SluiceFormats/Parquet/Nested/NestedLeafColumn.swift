import SluiceCompression
import SluiceEngine
import SluiceSpec

/// One leaf column being written by `ParquetNestedWriter`: its levels and present values.
struct NestedLeafColumn {
    let path: [String]
    let type: ParquetNestedType
    let maxDefinition: Int
    let maxRepetition: Int
    private var repetitions: [UInt32] = []
    private var definitions: [UInt32] = []
    private var plain: [UInt8] = []

    init(path: [String], type: ParquetNestedType, maxDefinition: Int, maxRepetition: Int) {
        self.path = path
        self.type = type
        self.maxDefinition = maxDefinition
        self.maxRepetition = maxRepetition
    }

    static func element(_ name: String, _ type: ParquetNestedType, repetition: ParquetRepetition) -> ParquetSchemaElement {
        var element = ParquetSchemaElement(name: name)
        element.repetition = repetition
        switch type {
        case .string:
            element.type = .byteArray
            element.convertedType = .utf8
            element.logicalType = .string
        case .long: element.type = .int64
        case .int: element.type = .int32
        case .boolean: element.type = .boolean
        default: preconditionFailure("not a leaf type")
        }
        return element
    }

    private var physical: ParquetPhysicalType {
        switch type {
        case .string: .byteArray
        case .long: .int64
        case .int: .int32
        default: .boolean
        }
    }

    private var booleans: [Bool] = []

    /// Adds one level entry; `value` is stored only when the entry reaches the leaf.
    mutating func append(_ repetition: Int, _ definition: Int, _ value: ParquetNestedValue?) {
        repetitions.append(UInt32(repetition))
        definitions.append(UInt32(definition))
        guard definition == maxDefinition, let value else { return }
        switch value {
        case .string(let text):
            PlainEncoder.appendLength(text.utf8.count, &plain)
            plain += text.utf8
        case .long(let number): withUnsafeBytes(of: number.littleEndian) { plain += $0 }
        case .int(let number): withUnsafeBytes(of: number.littleEndian) { plain += $0 }
        case .boolean(let flag): booleans.append(flag)
        default: break
        }
    }

    /// The column chunk (one data page) starting at `offset`, and its metadata.
    func chunk(at offset: Int64, compression: ParquetCompression) throws(SluiceError) -> ([UInt8], ParquetColumnMetaData) {
        var body: [UInt8] = []
        for (levels, maximum) in [(repetitions, maxRepetition), (definitions, maxDefinition)] where maximum > 0 {
            var encoder = RLEHybridEncoder(bitWidth: BitUnpacking.bitWidth(of: UInt64(maximum)))
            levels.withUnsafeBufferPointer { encoder.encode($0) }
            PlainEncoder.appendLength(encoder.bytes.count, &body)
            body += encoder.bytes
        }
        if physical == .boolean {
            PlainEncoder.encode(Column(dataType: .boolean, storage: .boolean(booleans)), into: &body)
        } else {
            body += plain
        }
        let compressed = try compression.codec.codec!.compress(body)
        var header = ParquetPageHeader()
        header.type = .dataPage
        header.uncompressedPageSize = Int32(body.count)
        header.compressedPageSize = Int32(compressed.count)
        header.dataPage = .init(numValues: Int32(definitions.count), encoding: .plain)
        let headerBytes = ThriftCompactWriter.encode { header.write(to: &$0) }
        var meta = ParquetColumnMetaData()
        meta.type = physical
        meta.encodings = [.plain, .rle]
        meta.pathInSchema = path
        meta.codec = compression.codec
        meta.numValues = Int64(definitions.count)
        meta.totalUncompressedSize = Int64(headerBytes.count + body.count)
        meta.totalCompressedSize = Int64(headerBytes.count + compressed.count)
        meta.dataPageOffset = offset
        return (headerBytes + compressed, meta)
    }
}
