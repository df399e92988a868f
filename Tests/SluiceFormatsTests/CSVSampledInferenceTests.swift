import Foundation
@testable import SluiceFormats
import SluiceEngine
import SluiceSpec
import Testing

/// Schema inference from a sample of a large CSV input, and the check of every value that
/// makes a too-narrow sampled type an error the runner can act on instead of a wrong result.
@Suite struct CSVSampledInferenceTests {
    /// `rows` lines of `id,amount,note`; `amount` holds integers, except as `late` says.
    static func text(rows: Int, quoted: Bool = false, late: String? = nil) -> String {
        var text = "id,amount,note\n"
        for index in 0..<rows {
            let note = quoted ? "\"note \(index % 7)\"" : "note \(index % 7)"
            text += "\(index),\(index == rows - 1 ? late ?? "\(index % 100)" : "\(index % 100)"),\(note)\n"
        }
        return text
    }

    func options(sample: Int?, mode: ParseMode = .failFast) -> CSVOptions {
        var options = CSVOptions()
        options.inferenceSampleBytes = sample
        options.parseMode = mode
        return options
    }

    func readAll(_ format: CSVFormat, _ data: Data, schema: Schema) async throws -> [[ScalarValue]] {
        var rows: [[ScalarValue]] = []
        for try await batch in format.read(data, file: "t.csv", schema: schema) { rows += (0..<batch.rowCount).map { batch.row($0) } }
        return rows
    }

    @Test func regionsOfQuoteFreeDataStartAtLineStartsAndSpreadOverTheInput() throws {
        let bytes = Array(Self.text(rows: 20_000).utf8)
        let regions = bytes.withUnsafeBytes { CSVInferenceSample.regions($0, from: 15, firstLine: 2, options: options(sample: 8_000)) }
        let found = try #require(regions)
        #expect(found.count == CSVInferenceSample.slices)
        #expect(found[0].start == 15 && found[0].firstLine == 2)
        for region in found.dropFirst() { #expect(bytes[region.start - 1] == UInt8(ascii: "\n")) }
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.end <= $1.start })
        #expect(found.last!.start > bytes.count * 3 / 4)
    }

    @Test func quotedDataIsSampledFromItsStartOnlyAndSmallDataNotAtAll() throws {
        let quoted = Array(Self.text(rows: 20_000, quoted: true).utf8)
        let regions = quoted.withUnsafeBytes { CSVInferenceSample.regions($0, from: 15, firstLine: 2, options: options(sample: 8_000)) }
        #expect(regions?.map(\.start) == [15])
        let small = Array(Self.text(rows: 100).utf8)
        #expect(small.withUnsafeBytes { CSVInferenceSample.regions($0, from: 15, firstLine: 2, options: options(sample: 8_000)) } == nil)
        #expect(quoted.withUnsafeBytes { CSVInferenceSample.regions($0, from: 15, firstLine: 2, options: options(sample: nil)) } == nil)
    }

    @Test func aSliceHoldingAQuoteIsLeftOutOfTheSample() throws {
        var bytes = Array(Self.text(rows: 20_000).utf8)
        let all = bytes.withUnsafeBytes { CSVInferenceSample.regions($0, from: 15, firstLine: 2, options: options(sample: 8_000)) }!
        // A quote inside the fourth slice: that slice could start inside a quoted field, so it goes.
        bytes[all[3].start + 10] = UInt8(ascii: "\"")
        let kept = bytes.withUnsafeBytes { CSVInferenceSample.regions($0, from: 15, firstLine: 2, options: options(sample: 8_000)) }!
        #expect(kept.map(\.start) == all.map(\.start).enumerated().filter { $0.offset != 3 }.map(\.element))
    }

    @Test func aSampleMissingALateValueGivesANarrowTypeThatReadingRefusesInEveryMode() async throws {
        let data = Data(Self.text(rows: 20_000, quoted: true, late: "2.5").utf8)
        let sampled = try CSVFormat(options: options(sample: 8_000)).inferSchema(of: data, file: "t.csv")
        #expect(sampled.fields.map(\.type) == [.int32, .int32, .string])
        let whole = try CSVFormat(options: options(sample: nil)).inferSchema(of: data, file: "t.csv")
        #expect(whole.fields.map(\.type) == [.int32, .float64, .string])
        for mode in [ParseMode.failFast, .permissive, .dropMalformed] {
            let format = CSVFormat(options: options(sample: 8_000, mode: mode))
            let error = await #expect(throws: SluiceError.self) { _ = try await readAll(format, data, schema: sampled) }
            #expect(error?.code == .sampledSchemaMismatch)
            #expect(error?.message.contains("'2.5' does not fit the type INT") == true, "\(error?.message ?? "")")
            #expect(error?.location?.line == 20_001)
        }
        // Inferred from every value, the same data reads whole.
        let rows = try await readAll(CSVFormat(options: options(sample: nil)), data, schema: whole)
        #expect(rows.count == 20_000 && rows.last?[1] == .float64(2.5))
    }

    @Test func aSampleThatCoversEveryKindOfValueGivesTheSameSchemaAsTheWholeInput() async throws {
        var text = "id,amount,day,flag,big\n"
        for index in 0..<20_000 {
            text += "\(index),\(index % 3 == 0 ? "\(index).25" : "\(index)"),2025-01-\(10 + index % 9),\(index % 2 == 0),\(Int64(index) * 1_000_000)\n"
        }
        let data = Data(text.utf8)
        let sampled = try CSVFormat(options: options(sample: 8_000)).inferSchema(of: data, file: "t.csv")
        let whole = try CSVFormat(options: options(sample: nil)).inferSchema(of: data, file: "t.csv")
        #expect(sampled == whole)
        #expect(whole.fields.map(\.type) == [.int32, .float64, .date, .boolean, .int64])
        #expect(try await readAll(CSVFormat(options: options(sample: 8_000)), data, schema: sampled).count == 20_000)
    }

    @Test func aColumnTheSampleShowsOnlyNullsForIsInferredFromTheWholeInput() throws {
        var text = "id,late\n"
        for index in 0..<20_000 { text += "\(index),\(index > 19_990 ? "\(index)" : "")\n" }
        let schema = try CSVFormat(options: options(sample: 8_000)).inferSchema(of: Data(text.utf8), file: "t.csv")
        #expect(schema.fields.map(\.type) == [.int32, .int32])
    }

    @Test func aGivenSchemaIsNeverSpeculative() async throws {
        let data = Data(Self.text(rows: 20_000, quoted: true, late: "2.5").utf8)
        var given = options(sample: 8_000, mode: .permissive)
        given.schema = Schema([Field("id", .int32), Field("amount", .int32), Field("note", .string)])
        let rows = try await readAll(CSVFormat(options: given), data, schema: given.schema!)
        #expect(rows.count == 20_000 && rows.last?[1] == .null)
    }
}
