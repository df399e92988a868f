import Foundation
import SluiceCompression
import SluiceSpec
import Testing

@Suite struct CompressionCodecTests {
    /// The text every reference vector below compresses.
    static let text = [UInt8](Data(String(repeating: "sluice ", count: 20).utf8) + Data("end".utf8))

    static func payloads() -> [[UInt8]] {
        var random = SystemRandomNumberGenerator()
        let noise = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let repetitive = [UInt8]((0..<1_000_000).map { UInt8($0 % 7) })
        return [[], [42], text, noise, repetitive]
    }

    @Test(arguments: CompressionCodec.allCases)
    func roundTripsEveryPayload(codec: CompressionCodec) throws {
        for payload in Self.payloads() {
            let compressed = try codec.compress(payload)
            let restored = try codec.decompress(compressed, uncompressedSize: payload.count)
            #expect(restored == payload, "\(codec) payload of \(payload.count) bytes")
            if codec != .lz4Raw {
                #expect(try codec.decompress(compressed) == payload, "\(codec) without a size")
            }
        }
    }

    @Test func compressionShrinksRepetitiveData() throws {
        let repetitive = Self.payloads()[4]
        for codec in CompressionCodec.allCases where codec != .none {
            #expect(try codec.compress(repetitive).count < repetitive.count / 10, "\(codec)")
        }
    }

    /// Streams made by Python's gzip, bz2, lzma and zlib modules.
    @Test(arguments: [
        (CompressionCodec.gzip, "H4sIAAAAAAACAyvOKc1MTlUoHgxUal4KABtLrnyPAAAA"),
        (.bzip2, "QlpoOTFBWSZTWYjCGawAAD0RgEAADiUKACAAIKlGQ0IMmIoiyO2ReEYR2pD2EfF3JFOFCQiMIZrA"),
        (.xz, "/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj4ACOABFdADmbCxEz9mBop5I9509iay4AAAAAANcyeP8KZHj/AAEtjwEAAAATgm3zscRn+wIAAAAABFla"),
        (.deflate, "K84pzUxOVSgeDFRqXgoA"),
    ])
    func readsReferenceStreams(codec: CompressionCodec, base64: String) throws {
        let compressed = [UInt8](Data(base64Encoded: base64)!)
        #expect(try codec.decompress(compressed) == Self.text)
    }

    @Test func readsConcatenatedGzipMembers() throws {
        let first = try CompressionCodec.gzip.compress(Array("abc".utf8))
        let second = try CompressionCodec.gzip.compress(Array("def".utf8))
        #expect(try CompressionCodec.gzip.decompress(first + second) == Array("abcdef".utf8))
    }

    @Test func crc32MatchesZlib() {
        #expect(Checksum.crc32(Self.text) == 2_091_797_275)
        #expect(Checksum.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test(arguments: CompressionCodec.allCases.filter { $0 != .none })
    func corruptInputIsAnErrorNotACrash(codec: CompressionCodec) throws {
        let compressed = try codec.compress(Self.payloads()[4])
        let truncated = Array(compressed.prefix(compressed.count / 2))
        var garbled = compressed
        for index in stride(from: 0, to: garbled.count, by: 3) { garbled[index] ^= 0x5A }
        for damaged in [truncated, garbled] {
            do {
                let output = try codec.decompress(damaged, uncompressedSize: 1_000_000)
                Issue.record("\(codec) accepted damaged input and produced \(output.count) bytes")
            } catch {
                #expect(error.code == .malformedData)
                #expect(error.message.contains(codec.rawValue))
            }
        }
    }

    @Test func wrongExpectedSizeIsAnError() throws {
        let compressed = try CompressionCodec.zstd.compress(Self.text)
        #expect(throws: SluiceError.self) { try CompressionCodec.zstd.decompress(compressed, uncompressedSize: 5) }
    }

    /// Decompressing into a buffer of the decompressed size (as Parquet pages are read) gives
    /// the payload; a buffer of another size is an error, whatever the codec.
    @Test(arguments: CompressionCodec.allCases)
    func decompressesIntoABufferOfTheExactSize(codec: CompressionCodec) throws {
        for payload in Self.payloads() where !payload.isEmpty {
            let compressed = try codec.compress(payload)
            var output = [UInt8](repeating: 0, count: payload.count)
            try compressed.withUnsafeBytes { input in
                try output.withUnsafeMutableBytes { out in try codec.decompress(input, into: out) }
            }
            #expect(output == payload, "\(codec) payload of \(payload.count) bytes")
            var short = [UInt8](repeating: 0, count: payload.count - 1)
            #expect(throws: SluiceError.self, "\(codec) into \(payload.count - 1) bytes") {
                try compressed.withUnsafeBytes { input in
                    try short.withUnsafeMutableBytes { out in try codec.decompress(input, into: out) }
                }
            }
        }
    }

    /// Snappy blocks state their decompressed length, which readers check before allocating;
    /// other codecs state none here, and a damaged Snappy header states none either.
    @Test func snappyBlocksDeclareTheirLength() throws {
        let payload = Self.payloads()[4]
        let block = try CompressionCodec.snappy.compress(payload)
        #expect(block.withUnsafeBytes { CompressionCodec.snappy.declaredLength($0) } == payload.count)
        let gzip = try CompressionCodec.gzip.compress(payload)
        #expect(gzip.withUnsafeBytes { CompressionCodec.gzip.declaredLength($0) } == nil)
        // A header claiming far more than the block could hold (a varint of 2^35).
        let bogus: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00]
        #expect(bogus.withUnsafeBytes { CompressionCodec.snappy.declaredLength($0) } == nil)
    }

    /// Zstandard frames that record their content size declare it, and are then decompressed
    /// in one call into a buffer of that size; a size no frame of that length could plausibly
    /// hold, or one that disagrees with the container, sends them down the streaming path.
    @Test func zstdFramesDeclareTheirLengthAndDecompressInOneCall() throws {
        let payload = Self.payloads()[4]
        let frame = try CompressionCodec.zstd.compress(payload)
        #expect(frame.withUnsafeBytes { CompressionCodec.zstd.declaredLength($0) } == payload.count)
        #expect(try frame.withUnsafeBytes { try CompressionCodec.zstd.decompress($0, uncompressedSize: payload.count) } == payload)
        #expect(throws: SluiceError.self) {
            try frame.withUnsafeBytes { try CompressionCodec.zstd.decompress($0, uncompressedSize: payload.count + 1) }
        }
        // Ten megabytes of zeros make a frame of a few hundred bytes: more than it is taken to declare.
        let zeros = [UInt8](repeating: 0, count: 10 << 20)
        let tiny = try CompressionCodec.zstd.compress(zeros)
        #expect(tiny.count < 4096)
        #expect(tiny.withUnsafeBytes { CompressionCodec.zstd.declaredLength($0) } == nil)
        #expect(try tiny.withUnsafeBytes { try CompressionCodec.zstd.decompress($0, uncompressedSize: zeros.count) } == zeros)
        let garbage: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0xFF]
        #expect(garbage.withUnsafeBytes { CompressionCodec.zstd.declaredLength($0) } == nil)
        // A frame whose recorded size is one byte short of its content.
        var short = frame
        if let size = frame.withUnsafeBytes({ CompressionCodec.zstd.declaredLength($0) }), size > 300 {
            #expect(throws: SluiceError.self) {
                var output = [UInt8](repeating: 0, count: size - 1)
                try short.withUnsafeBytes { input in try output.withUnsafeMutableBytes { try CompressionCodec.zstd.decompress(input, into: $0) } }
            }
        }
        short.removeLast()
        #expect(throws: SluiceError.self) {
            try short.withUnsafeBytes { try CompressionCodec.zstd.decompress($0, uncompressedSize: payload.count) }
        }
    }
}
