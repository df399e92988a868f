import Foundation

/// Where schema inference looks when it samples a large CSV input instead of reading every
/// value (`CSVOptions.inferenceSampleBytes`).
///
/// The sample is the start of the data and, when that start holds no quote character, slices
/// spread evenly over the rest, each from a line start, each kept only if it holds no quote
/// character either. A line break inside a quoted field does not end a record, so a slice
/// with quotes could begin inside a field and show values the data does not hold; a slice
/// without any could only do so inside one quoted field longer than the slice itself. Nothing
/// scans the whole input: sampling costs the sample's bytes alone.
enum CSVInferenceSample {
    /// How many slices a sample is cut into when the data allows spreading it.
    static let slices = 8

    /// Whether data of `byteCount` bytes is inferred from a sample: when it is over twice the sample size.
    static func applies(to byteCount: Int, options: CSVOptions) -> Bool {
        guard options.schema == nil, options.inferSchema, let sample = options.inferenceSampleBytes else { return false }
        return byteCount > 2 * sample
    }

    /// The sampled regions of `bytes[start...]`, in order: each region's `start` is a record
    /// start, and inference stops at the first record boundary at or after its `end`. Nil when
    /// the data is read whole.
    static func regions(_ bytes: UnsafeRawBufferPointer, from start: Int, firstLine: Int, options: CSVOptions) -> [CSVChunk]? {
        guard applies(to: bytes.count - start, options: options), let sample = options.inferenceSampleBytes,
              let base = bytes.baseAddress else { return nil }
        let pointer = base.assumingMemoryBound(to: UInt8.self)
        let end = bytes.count
        func quoted(_ from: Int, _ count: Int) -> Bool {
            let count = min(count, end - from)
            return memchr(pointer + from, Int32(options.quote), count) != nil
                || (options.escape != options.quote && memchr(pointer + from, Int32(options.escape), count) != nil)
        }
        let head = CSVChunk(start: start, end: start + sample, firstLine: firstLine)
        if quoted(start, sample) { return [head] }
        let slice = sample / slices
        let stride = (end - start) / slices
        var regions = [CSVChunk(start: start, end: start + slice, firstLine: firstLine)]
        for index in 1..<slices {
            let target = start + index * stride
            guard let found = memchr(pointer + target, Int32(UInt8(ascii: "\n")), end - target) else { break }
            let lineStart = UnsafeRawPointer(found) - base + 1
            guard lineStart < end, lineStart >= regions.last!.end, !quoted(lineStart, slice) else { continue }
            regions.append(CSVChunk(start: lineStart, end: lineStart + slice, firstLine: nil))
        }
        return regions
    }
}
