@testable import SluiceFormats
import SluiceSpec
import Testing

/// The RLE/bit-packed hybrid decoder reads back what the encoder wrote, at every bit width
/// the narrow (eight values per load) and the general unpacking paths handle.
@Suite struct RLEHybridRoundTripTests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 21])
    func decodesWhatTheEncoderWrote(bitWidth: Int) throws {
        let limit = UInt32((UInt64(1) << UInt64(bitWidth)) - 1)
        // Literals, runs long enough to be RLE runs, and a count that is no multiple of eight.
        var values: [UInt32] = []
        for index in 0..<1_237 {
            values.append(index % 97 < 40 ? UInt32(index * 2_654_435_761 % 1_000_003) & limit : limit)
        }
        var encoder = RLEHybridEncoder(bitWidth: bitWidth)
        values.withUnsafeBufferPointer { encoder.encode($0) }
        let decoded = try encoder.bytes.withUnsafeBytes { bytes in
            var decoder = RLEHybridDecoder(ByteCursor(bytes, context: "test"), bitWidth: bitWidth)
            return try decoder.decode(count: values.count)
        }
        #expect(decoded == values.map { Int32(bitPattern: $0) })
    }

    @Test func tellsAPageWithoutNullsFromItsFirstRun() {
        var full = RLEHybridEncoder(bitWidth: 1)
        [UInt32](repeating: 1, count: 500).withUnsafeBufferPointer { full.encode($0) }
        var mixed = RLEHybridEncoder(bitWidth: 1)
        ([UInt32](repeating: 1, count: 499) + [0]).withUnsafeBufferPointer { mixed.encode($0) }
        full.bytes.withUnsafeBytes { bytes in
            let decoder = RLEHybridDecoder(ByteCursor(bytes, context: "test"), bitWidth: 1)
            #expect(decoder.startsWithRun(of: 1, covering: 500))
            #expect(!decoder.startsWithRun(of: 0, covering: 500))
            #expect(!decoder.startsWithRun(of: 1, covering: 501))
        }
        mixed.bytes.withUnsafeBytes { bytes in
            #expect(!RLEHybridDecoder(ByteCursor(bytes, context: "test"), bitWidth: 1).startsWithRun(of: 1, covering: 500))
        }
    }

    /// A run's value must fit the bit width: readers index dictionaries of 2^width values with
    /// such values unchecked.
    @Test func aRunValueWiderThanTheBitWidthIsCorrupt() {
        // Header 10 << 1 (a run of 10), then one value byte: 4 does not fit 2 bits, 3 does.
        for (value, fits) in [(UInt8(4), false), (3, true)] {
            let bytes: [UInt8] = [20, value]
            let result = bytes.withUnsafeBytes { raw in
                var decoder = RLEHybridDecoder(ByteCursor(raw, context: "test"), bitWidth: 2)
                return Result { () throws(SluiceError) -> [Int32] in try decoder.decode(count: 10) }
            }
            switch result {
            case .success(let values): #expect(fits && values == [Int32](repeating: 3, count: 10))
            case .failure(let error): #expect(!fits && error.message.contains("wider than the bit width of 2"), "\(error)")
            }
        }
    }
}
