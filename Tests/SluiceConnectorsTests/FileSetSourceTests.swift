import Foundation
import SluiceConnectors
import SluiceEngine
import SluiceSpec
import SluiceFormats
import Testing

@Suite struct FileSetSourceTests {
    func lines(_ source: FileSetSource) async throws -> [String] {
        try await source.scan().collect().flatMap { batch in (0..<batch.rowCount).map { batch.row($0)[0].description } }
    }

    @Test func readsEveryDataFileOfADirectoryInSortedOrderSkippingHiddenOnes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("in/b.txt", "3\n4")
        try dir.write("in/a.txt", "1\n2")
        try dir.write("in/sub/c.txt", "5")
        try dir.write("in/_SUCCESS", "")
        try dir.write("in/.hidden", "nope")
        let source = FileSetSource(path: dir.file("in"), format: LinesFormat())
        #expect(try await lines(source) == ["1", "2", "3", "4", "5"])
    }

    @Test func filesAreListedAndInferredOnceHoweverOftenTheSourceIsScanned() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("in/a.txt", "1")
        try dir.write("in/b.txt", "2")
        let counter = Position()
        let source = FileSetSource(path: dir.file("in"), format: LinesFormat(inferences: counter))
        #expect(try await lines(source) == ["1", "2"])
        #expect(try await lines(source) == ["1", "2"])
        _ = try await source.schema()
        #expect(counter.advance() == 2, "two files inferred once each, then this call")
    }

    @Test func expandsGlobs() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("2025-01.txt", "jan")
        try dir.write("2025-02.txt", "feb")
        try dir.write("2024-12.txt", "dec")
        let source = FileSetSource(path: dir.file("2025-*.txt"), format: LinesFormat())
        #expect(try await lines(source) == ["jan", "feb"])
    }

    @Test func aMissingInputNamesThePathAndTheConfigLocation() async throws {
        let origin = ConfigOrigin(location: SourceLocation(file: "p.json", line: 4, column: 9), jsonPath: "$.steps[0].config.path")
        let source = FileSetSource(path: "/nonexistent/orders.csv", format: LinesFormat(), origin: origin)
        do {
            _ = try await source.scan()
            Issue.record("a missing input must fail")
        } catch let error as SluiceError {
            #expect(error.code == .inputNotFound)
            #expect(error.message.contains("/nonexistent/orders.csv"))
            #expect(error.location?.line == 4)
        }
    }

    @Test func aGlobMatchingNothingIsAnError() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        await #expect(throws: SluiceError.self) {
            _ = try await FileSetSource(path: dir.file("*.csv"), format: LinesFormat()).scan()
        }
    }

    @Test func schemasOfSeveralFilesWidenToACommonType() throws {
        let a = Schema([Field("id", .int32), Field("v", .int64), Field("d", .date)])
        let b = Schema([Field("id", .int64), Field("v", .float64), Field("d", .string)])
        let merged = try SchemaUnion.merge(a, b, file: "b.csv")
        #expect(merged.fields.map(\.type) == [.int64, .float64, .string])
        #expect(throws: SluiceError.self) {
            _ = try SchemaUnion.merge(a, Schema([Field("other", .int32)]), file: "c.csv")
        }
    }
}

@Suite struct FileSetSourceProjectionTests {
    /// Through the `FileFormat` existential, the column-aware entry points must reach the format's
    /// own: only then is the unused, malformed column never parsed.
    @Test func aScanWithColumnsReachesTheFormat() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("in.csv", "a,b,c\n1,x,not-a-date\n")
        var options = CSVOptions()
        options.schema = try Schema(ddl: "a INT, b STRING, c DATE")
        let source = FileSetSource(path: dir.file("in.csv"), format: CSVFormat(options: options))
        let stream = try await source.scan(columns: ["a"])
        #expect(stream.schema.names == ["a"])
        #expect(try await stream.collect().first?.row(0) == [.int32(1)])
        await #expect(throws: SluiceError.self) { _ = try await source.scan(columns: nil).collect() }
    }
}
