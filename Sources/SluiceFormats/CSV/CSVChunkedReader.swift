import Foundation
import SluiceEngine
import SluiceSpec

/// Reads CSV data in file order, parsing up to `window` chunks at once on other cores.
///
/// The data is split on first use (after the header, per `CSVChunker`); a single chunk is
/// read batch by batch on the caller's task, several are parsed whole by background tasks,
/// at most `window` ahead of the one being handed out, which bounds memory.
final class CSVChunkedReader: @unchecked Sendable {
    private let data: Data
    private let file: String
    private let schema: Schema
    private let options: CSVOptions
    private let window: Int
    private let minimumChunkBytes: Int
    private let selected: [Int]?
    private var chunks: [CSVChunk]?
    private var sequential: CSVBatchReader?
    private var tasks: [Int: Task<[RecordBatch], any Error>] = [:]
    private var ready: [RecordBatch] = []
    private var nextChunk = 0

    init(data: Data, file: String, schema: Schema, options: CSVOptions,
         selected: [Int]? = nil, window: Int = ProcessInfo.processInfo.activeProcessorCount + 1,
         minimumChunkBytes: Int = CSVChunker.minimumChunkBytes) {
        self.minimumChunkBytes = minimumChunkBytes
        self.selected = selected
        self.data = data
        self.file = file
        self.schema = schema
        self.options = options
        self.window = max(1, window)
    }

    deinit {
        for task in tasks.values { task.cancel() }
    }

    func next() async throws -> RecordBatch? {
        let chunks = try self.chunks ?? plan()
        if chunks.count == 1 {
            sequential = sequential ?? CSVBatchReader(data: data, file: file, schema: schema, options: options, chunk: chunks[0],
                                                        selected: selected)
            return try sequential!.next()
        }
        while ready.isEmpty {
            guard nextChunk < chunks.count else { return nil }
            for index in nextChunk..<min(chunks.count, nextChunk + window) where tasks[index] == nil {
                let reader = CSVBatchReader(data: data, file: file, schema: schema, options: options, chunk: chunks[index],
                                            selected: selected)
                tasks[index] = Task.detached { try reader.readAll() }
            }
            let task = tasks.removeValue(forKey: nextChunk)!
            nextChunk += 1
            ready = try await task.value
        }
        return ready.removeFirst()
    }

    /// Skips the header and splits the rest into chunks.
    private func plan() throws -> [CSVChunk] {
        let chunks = try data.withUnsafeBytes { bytes throws(SluiceError) -> [CSVChunk] in
            var tokenizer = CSVTokenizer(bytes: bytes, delimiter: options.delimiter, quote: options.quote,
                                         escape: options.escape, file: file, position: CSVReaderStart.position(of: bytes))
            if options.header {
                var fields: [CSVField] = []
                _ = try tokenizer.nextRecord(into: &fields)
            }
            let start = tokenizer.position
            return CSVChunker.split(bytes, from: start.offset, firstLine: start.line, options: options,
                                    minimumBytes: minimumChunkBytes)
        }
        self.chunks = chunks
        return chunks
    }
}
