import Foundation
import SluiceEngine
import SluiceSpec

/// Reads the records of one object container file as batches. A large file is cut into
/// splits at sync markers (`AvroFileSplits`) and several splits are decoded at once, one per
/// core; batches come out in file order. The file's bytes (memory-mapped) are copied one
/// block at a time, never whole.
final class AvroFileReader: @unchecked Sendable {
    private let bytes: Data
    private let file: String
    private let output: Schema
    private let readerSchema: AvroSchema?
    private let splitSize: Int
    private var state: (header: AvroContainerHeader, layout: AvroRecordLayout, starts: [Int])?
    private var nextSplit = 0
    private var pending: [RecordBatch] = []

    init(data: Data, file: String, output: Schema, readerSchema: AvroSchema?, splitSize: Int) {
        // Offsets are file offsets: a slice is rebased (files are mapped whole, so this is rare).
        bytes = data.startIndex == 0 ? data : Data(data)
        self.file = file
        self.output = output
        self.readerSchema = readerSchema
        self.splitSize = splitSize
    }

    /// Called by one consumer at a time (a stream is pulled sequentially).
    func next() throws -> RecordBatch? {
        if state == nil {
            let header = try AvroContainerHeader.read(AvroFormat.headerBytes(bytes), file: file)
            let layout = try AvroRecordLayout(header: header, readerSchema: readerSchema, output: output, file: file)
            let starts = AvroFileSplits.starts(in: bytes, dataOffset: header.dataOffset, syncMarker: header.syncMarker, splitSize: splitSize)
            state = (header, layout, starts)
        }
        let (header, layout, starts) = state!
        while pending.isEmpty {
            guard nextSplit < starts.count else { return nil }
            let wave = Array(nextSplit..<min(starts.count, nextSplit + ProcessInfo.processInfo.activeProcessorCount))
            nextSplit = wave.last! + 1
            let results = parallelMap(wave.count) { position -> Result<[RecordBatch], SluiceError> in
                let split = wave[position]
                let end = split + 1 < starts.count ? starts[split + 1] : self.bytes.count
                do throws(SluiceError) {
                    return .success(try self.decode(from: starts[split], to: end, header: header, layout: layout))
                } catch {
                    return .failure(error)
                }
            }
            for result in results { pending += try result.get() }
        }
        return pending.removeFirst()
    }

    /// The batches of the blocks that start in `start ..< end`.
    private func decode(from start: Int, to end: Int, header: AvroContainerHeader, layout: AvroRecordLayout) throws(SluiceError) -> [RecordBatch] {
        var batches: [RecordBatch] = []
        var builders = output.fields.map { ColumnBuilder(type: $0.type, capacity: 1024) }
        var offset = start
        while offset < end, offset < bytes.count {
            let (block, next) = try AvroContainerBlock.read(bytes, at: offset, header: header, file: file)
            var decoder = AvroBinaryDecoder(block.data, source: "\(file) (block at byte \(offset))")
            try layout.decode(block.count, from: &decoder, into: &builders, file: file)
            offset = next
            if (builders.first?.count ?? 0) >= RecordBatch.preferredRowCount {
                batches.append(RecordBatch(schema: output, columns: builders.indices.map { builders[$0].finish() }))
            }
        }
        if let count = builders.first?.count, count > 0 {
            batches.append(RecordBatch(schema: output, columns: builders.indices.map { builders[$0].finish() }))
        }
        return batches
    }
}
