import Foundation
import SluiceSpec

/// A temporary file of record batches that an operator wrote when its input outgrew the
/// memory limit; read back one batch at a time, and deleted when no longer referenced.
final class SpillFile: @unchecked Sendable {
    let url: URL
    let schema: Schema
    private var handle: FileHandle?
    private var batchEnds: [Int] = []
    private var written = 0

    init(directory: URL, schema: Schema) throws(SluiceError) {
        self.schema = schema
        url = directory.appendingPathComponent("sluice-spill-\(UUID().uuidString).bin")
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw SluiceError(.io, "cannot create a spill file in '\(directory.path)'",
                              hint: "make the spill directory writable, or raise --memory-limit")
        }
        self.handle = handle
    }

    deinit {
        try? handle?.close()
        try? FileManager.default.removeItem(at: url)
    }

    /// Appends a batch.
    func write(_ batch: RecordBatch) throws(SluiceError) {
        var bytes: [UInt8] = []
        SpillCodec.encode(batch, into: &bytes)
        do {
            try handle?.write(contentsOf: bytes)
        } catch {
            throw SluiceError(.io, "cannot write the spill file '\(url.path)': \(error.localizedDescription)",
                              hint: "free disk space in the spill directory, or raise --memory-limit")
        }
        written += bytes.count
        batchEnds.append(written)
    }

    /// The batches, in the order written (the file is mapped, not read into memory).
    func reader() throws(SluiceError) -> SpillReader {
        try? handle?.close()
        handle = nil
        do {
            return SpillReader(data: try Data(contentsOf: url, options: .alwaysMapped), schema: schema, batchEnds: batchEnds, file: self)
        } catch {
            throw SluiceError(.io, "cannot read the spill file '\(url.path)': \(error.localizedDescription)")
        }
    }
}

/// Reads a spill file's batches back in order.
struct SpillReader {
    let data: Data
    let schema: Schema
    let batchEnds: [Int]
    /// Keeps the file (and so its deletion) alive while it is read.
    let file: SpillFile
    private var next = 0

    init(data: Data, schema: Schema, batchEnds: [Int], file: SpillFile) {
        self.data = data
        self.schema = schema
        self.batchEnds = batchEnds
        self.file = file
    }

    /// The next batch; nil after the last.
    mutating func nextBatch() -> RecordBatch? {
        guard next < batchEnds.count else { return nil }
        var offset = next == 0 ? 0 : batchEnds[next - 1]
        next += 1
        return data.withUnsafeBytes { SpillCodec.decodeBatch($0, at: &offset, schema: schema) }
    }
}
