import Foundation
import SluiceCompression
import SluiceSpec
import Testing

/// Raw Snappy blocks: every element kind (short and long literals, copies with one-, two-
/// and four-byte offsets, overlapping pattern copies) decodes to what was compressed, and
/// damaged blocks end in errors.
@Suite struct SnappyBlockTests {
    static func payloads() -> [[UInt8]] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let noise = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: next()) }
        // Numbers as a Parquet page holds them: many short matches at many distances.
        let prices = (0..<100_000).flatMap { _ -> [UInt8] in
            withUnsafeBytes(of: (Double(next() % 100_000) / 100).bitPattern.littleEndian, Array.init)
        }
        let text = Array((0..<20_000).map { "row \($0 % 97) of \($0 % 13): \(["north", "south", "é"][$0 % 3])\n" }.joined().utf8)
        let runs = (0..<50_000).map { UInt8($0 / 1_000 % 3) }
        var mixed: [UInt8] = []
        for round in 0..<200 {
            mixed += noise[(round * 311)..<(round * 311 + Int(next() % 300))]
            mixed += text[(round * 97)..<(round * 97 + Int(next() % 70))]
        }
        return [[], [7], noise, prices, text, runs, mixed]
    }

    @Test func decodesWhatWasCompressed() throws {
        for payload in Self.payloads() {
            let compressed = try CompressionCodec.snappy.compress(payload)
            let restored = try compressed.withUnsafeBytes { try CompressionCodec.snappy.decompress($0, uncompressedSize: payload.count) }
            #expect(restored == payload, "payload of \(payload.count) bytes")
        }
    }

    @Test func decodesEveryElementKindByHand() throws {
        // Length 24; a literal "abc" (tag 0x08), a one-byte-offset copy of 5 at distance 3
        // (pattern), a two-byte-offset copy of 6 at distance 8, a four-byte-offset copy of 3 at
        // distance 14, then a literal of 7 bytes with a one-byte length (tag 0xF0).
        let block: [UInt8] = [24, 0x08, 0x61, 0x62, 0x63, 0x05, 0x03, 0x16, 0x08, 0x00, 0x0B, 0x0E, 0x00, 0x00, 0x00,
                              0xF0, 0x06, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A]
        let output = try CompressionCodec.snappy.decompress(block, uncompressedSize: 24)
        let expected = Array("abcabcab".utf8) + Array("abcabc".utf8) + Array("abc".utf8) + Array("tuvwxyz".utf8)
        #expect(output == expected)
    }

    @Test func damagedBlocksAreErrors() throws {
        let payload = Self.payloads()[3]
        let compressed = try CompressionCodec.snappy.compress(payload)
        for cut in stride(from: 0, to: compressed.count, by: max(1, compressed.count / 300)) {
            #expect(throws: SluiceError.self) { try CompressionCodec.snappy.decompress(Array(compressed.prefix(cut)), uncompressedSize: payload.count) }
        }
        // A copy reaching back before the start of the output.
        #expect(throws: SluiceError.self) { try CompressionCodec.snappy.decompress([8, 0x04, 0x61, 0x62, 0x05, 0x09], uncompressedSize: 8) }
        // Flipped bytes: an error, or output of the promised length, never a crash.
        var state: UInt64 = 99
        for _ in 0..<300 {
            var garbled = compressed
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                garbled[Int(state >> 33) % garbled.count] ^= UInt8(truncatingIfNeeded: state >> 20) | 1
            }
            if let output = try? CompressionCodec.snappy.decompress(garbled) { #expect(output.count <= garbled.count * 64 + 1024) }
        }
    }
}
