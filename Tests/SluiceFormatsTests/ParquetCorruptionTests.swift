import Foundation
import SluiceEngine
@testable import SluiceFormats
import SluiceSpec
import Testing

/// Damaged Parquet files end in `SluiceError`s naming the file — never a crash or a hang.
@Suite struct ParquetCorruptionTests {
    static func validFile(_ compression: ParquetCompression) throws -> [UInt8] {
        var options = ParquetWriteOptions()
        options.compression = compression
        options.rowGroupBytes = 8 * 1024
        return try ParquetWriteInteropTests.write(ParquetWriteInteropTests.rows(3000), options: options, batchRows: 700)
    }

    /// Reads everything; returns the error, or nil when the damaged file still read.
    static func readAll(_ bytes: [UInt8]) async -> (any Error)? {
        do {
            let data = Data(bytes)
            let format = ParquetFormat()
            let schema = try format.inferSchema(of: data, file: "damaged.parquet")
            _ = try await format.read(data, file: "damaged.parquet", schema: schema).collect()
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [ParquetCompression.none, .snappy, .zstd])
    func flippedBytesEndInErrorsNotCrashes(compression: ParquetCompression) async throws {
        let valid = try Self.validFile(compression)
        var random = SeededGenerator(seed: 42)
        var failures = 0
        for round in 0..<250 {
            var damaged = valid
            // Half the rounds hit the footer, where one byte changes the meaning of everything after it.
            let footerStart = valid.count - 8 - Int(UInt32(littleEndian: valid[(valid.count - 8)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = round % 2 == 0
                    ? Int.random(in: footerStart..<(valid.count - 8), using: &random)
                    : Int.random(in: 4..<footerStart, using: &random)
                damaged[position] = UInt8.random(in: 0...255, using: &random)
            }
            if let error = await Self.readAll(damaged) {
                failures += 1
                #expect(error is SluiceError, "round \(round): \(type(of: error)) \(error)")
            }
        }
        #expect(failures > 50)
    }

    @Test func truncatedFilesNameTheProblem() async throws {
        let valid = try Self.validFile(.snappy)
        for length in stride(from: 0, to: valid.count, by: max(1, valid.count / 60)) {
            let error = await Self.readAll(Array(valid.prefix(length)))
            let sluiceError = try #require(error as? SluiceError, "length \(length)")
            #expect(sluiceError.code == .malformedData)
            #expect(sluiceError.message.contains("damaged.parquet"))
        }
    }

    @Test func badPageHeaderNamesFileColumnAndOffset() async throws {
        var bytes = try Self.validFile(.none)
        // The first page header starts right after the magic: make its type field unknown.
        bytes[4] = 0x15
        bytes[5] = 0x7E
        let error = try #require(await Self.readAll(bytes) as? SluiceError)
        #expect(error.message.contains("'damaged.parquet' column 'flag'"))
        #expect(error.message.contains("byte 4"))
    }
}
