import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

/// Damaged files end in `SluiceError`s that say what is wrong, never in a crash.
@Suite struct AvroMalformedFileTests {
    static func file(codec: AvroCodec = .null) throws -> [UInt8] {
        let schema = try AvroSchemaParser.parse(#"{"type": "record", "name": "r", "fields": [{"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}"#)
        var writer = AvroContainerWriter(schema: schema, codec: codec, blockSize: 64)
        for id in 0..<40 { try writer.append(.record([.long(Int64(id)), .string("row \(id)")])) }
        return try writer.finish()
    }

    func readError(_ bytes: [UInt8]) async -> SluiceError? {
        do {
            _ = try await AvroContainerTests.read(Data(bytes))
            return nil
        } catch let error as SluiceError {
            return error
        } catch {
            Issue.record("not a SluiceError: \(error)")
            return nil
        }
    }

    @Test func aFileWithoutTheMagicIsRejected() async throws {
        var bytes = try Self.file()
        bytes[3] = 2
        let error = await readError(bytes)
        #expect(error?.code == .malformedData)
        #expect(error?.message.contains("not an Avro object container file") == true)
        #expect(await readError(Array("id,name\n1,a\n".utf8))?.code == .malformedData)
        #expect(await readError([])?.code == .malformedData)
    }

    @Test func aDamagedSyncMarkerIsRejected() async throws {
        var bytes = try Self.file()
        let header = try AvroContainerHeader.read(bytes, file: "t.avro")
        // The first block's sync marker ends right before the second block.
        let (_, next) = try AvroContainerBlock.read(bytes, at: header.dataOffset, header: header, file: "t.avro")
        bytes[next - 1] ^= 0xFF
        let error = await readError(bytes)
        #expect(error?.code == .malformedData)
        #expect(error?.message.contains("sync marker") == true)
    }

    @Test func aTruncatedFileIsRejectedWhereverItIsCut() async throws {
        let bytes = try Self.file(codec: .deflate)
        let header = try AvroContainerHeader.read(bytes, file: "t.avro")
        for cut in stride(from: header.dataOffset + 1, to: bytes.count - 1, by: 7) {
            let error = await readError(Array(bytes[..<cut]))
            #expect(error?.code == .malformedData, "cut at \(cut)")
        }
        for cut in stride(from: 1, to: header.dataOffset, by: 5) {
            #expect(await readError(Array(bytes[..<cut])) != nil, "header cut at \(cut)")
        }
    }

    @Test func absurdBlockCountsAndSizesAreRejected() async throws {
        let bytes = try Self.file()
        let header = try AvroContainerHeader.read(bytes, file: "t.avro")
        for (count, size) in [(Int64.max, Int64(10)), (Int64(1), Int64.max), (Int64(-1), Int64(4)), (Int64(3), Int64(-5))] {
            var block = AvroBinaryEncoder()
            block.writeLong(count)
            block.writeLong(size)
            block.writeRaw([UInt8](repeating: 0, count: 8))
            block.writeRaw(header.syncMarker)
            #expect(await readError(Array(bytes[..<header.dataOffset]) + block.bytes)?.code == .malformedData, "count \(count), size \(size)")
        }
    }

    @Test func anUnknownCodecIsNamed() async throws {
        let bytes = try Self.file()
        let header = try AvroContainerHeader.read(bytes, file: "t.avro")
        var encoder = AvroBinaryEncoder()
        encoder.writeRaw(AvroContainerHeader.magic)
        encoder.writeLong(2)
        encoder.writeString("avro.schema")
        encoder.writeBytes(header.metadata["avro.schema"]!)
        encoder.writeString("avro.codec")
        encoder.writeBytes(Array("lzo".utf8))
        encoder.writeLong(0)
        encoder.writeRaw(header.syncMarker)
        let error = await readError(encoder.bytes + bytes[header.dataOffset...])
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("unknown Avro codec 'lzo'") == true)
    }

    @Test(arguments: [AvroCodec.snappy, .deflate, .zstandard, .bzip2, .xz])
    func corruptCompressedDataIsRejected(codec: AvroCodec) async throws {
        var bytes = try Self.file(codec: codec)
        let header = try AvroContainerHeader.read(bytes, file: "t.avro")
        // Flip bytes in the middle of the first block's compressed data.
        for offset in (header.dataOffset + 4)..<(header.dataOffset + 12) { bytes[offset] ^= 0x5A }
        #expect(await readError(bytes)?.code == .malformedData)
    }

    @Test func aHeaderWithoutASchemaOrWithABadOneIsRejected() async throws {
        var encoder = AvroBinaryEncoder()
        encoder.writeRaw(AvroContainerHeader.magic)
        encoder.writeLong(0)
        encoder.writeRaw([UInt8](repeating: 7, count: 16))
        #expect(await readError(encoder.bytes)?.message.contains("no avro.schema") == true)
        var bad = AvroBinaryEncoder()
        bad.writeRaw(AvroContainerHeader.magic)
        bad.writeLong(1)
        bad.writeString("avro.schema")
        bad.writeString(#"{"type": "wat"}"#)
        bad.writeLong(0)
        bad.writeRaw([UInt8](repeating: 7, count: 16))
        #expect(await readError(bad.bytes)?.message.contains("schema in the header is invalid") == true)
    }

    @Test(arguments: AvroCodec.allCases)
    func randomDamageNeverCrashes(codec: AvroCodec) async throws {
        let original = try Self.file(codec: codec)
        var random = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            var bytes = original
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            _ = await readError(bytes)  // any outcome but a crash is fine: some flips land in string bytes
        }
    }
}
