import Foundation
import SluiceConnectors
import SluiceEngine
import SluiceSpec
import Testing

@Suite struct FileSetSinkTests {
    func write(_ lines: [String], to path: String, mode: WriteMode, maxRecordsPerFile: Int = 0,
               runId: String = "r1") async throws -> Int {
        let sink = FileSetSink(path: path, format: LinesFormat(), mode: mode, maxRecordsPerFile: maxRecordsPerFile, runId: runId)
        let staged = try await sink.stage(LinesFormat.stream(lines))
        try await staged.commit()
        return staged.rowCount
    }

    @Test func writesPartFilesAndSuccessMarkerIntoANewDirectory() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let rows = try await write(["a", "b"], to: dir.file("out/data"), mode: .errorIfExists)
        #expect(rows == 2)
        #expect(dir.list("out/data") == ["_SUCCESS", "part-00000.txt"])
        #expect(try dir.read("out/data/part-00000.txt") == "#header\na\nb\n")
        #expect(dir.list("out") == ["data"], "no staging directory is left behind")
    }

    @Test func overwriteReplacesTheWholeDirectory() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await write(["a", "b", "c"], to: dir.file("out"), mode: .overwrite, maxRecordsPerFile: 1)
        #expect(dir.list("out").count == 4)
        _ = try await write(["z"], to: dir.file("out"), mode: .overwrite, runId: "r2")
        #expect(dir.list("out") == ["_SUCCESS", "part-00000.txt"])
        #expect(try dir.read("out/part-00000.txt") == "#header\nz\n")
        #expect(dir.list() == ["out"])
    }

    @Test func appendKeepsExistingFilesAndNumbersNewOnesAfterThem() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await write(["a", "b"], to: dir.file("out"), mode: .append, maxRecordsPerFile: 1)
        _ = try await write(["c"], to: dir.file("out"), mode: .append, runId: "r2")
        #expect(dir.list("out") == ["_SUCCESS", "part-00000.txt", "part-00001.txt", "part-00002.txt"])
        #expect(try dir.read("out/part-00002.txt") == "#header\nc\n")
        #expect(try dir.read("out/part-00000.txt") == "#header\na\n")
    }

    @Test func errorIfExistsRefusesAnExistingOutputAndPointsAtTheConfig() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("out/old.txt", "keep")
        let origin = ConfigOrigin(location: SourceLocation(file: "p.json", line: 9, column: 17), jsonPath: "$.steps[1].config.path")
        let sink = FileSetSink(path: dir.file("out"), format: LinesFormat(), mode: .errorIfExists, runId: "r1", origin: origin)
        do {
            _ = try await sink.stage(LinesFormat.stream(["x"]))
            Issue.record("an existing output must be refused")
        } catch let error as SluiceError {
            #expect(error.code == .outputExists)
            #expect(error.location?.line == 9)
            #expect(error.jsonPath == "$.steps[1].config.path")
            #expect(error.hint?.contains("overwrite") == true)
        }
        #expect(try dir.read("out/old.txt") == "keep")
        #expect(dir.list() == ["out"])
    }

    @Test func errorIfExistsAcceptsAnEmptyDirectory() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        #expect(try await write(["x"], to: dir.file("out"), mode: .errorIfExists) == 1)
        #expect(dir.list("out") == ["_SUCCESS", "part-00000.txt"])
    }

    @Test func ignoreLeavesAnExistingOutputUntouched() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("out/old.txt", "keep")
        #expect(try await write(["x"], to: dir.file("out"), mode: .ignore) == 0)
        #expect(dir.list("out") == ["old.txt"])
    }

    @Test func aFailureInTheMiddleLeavesThePreviousOutputIntact() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await write(["old"], to: dir.file("out"), mode: .overwrite)
        let sink = FileSetSink(path: dir.file("out"), format: LinesFormat(), mode: .overwrite, runId: "r2")
        await #expect(throws: LinesFormat.TestFailure.self) {
            _ = try await sink.stage(LinesFormat.stream(["new1", "new2"], failAfterFirstBatch: true))
        }
        #expect(try dir.read("out/part-00000.txt") == "#header\nold\n")
        #expect(dir.list() == ["out"], "the staging directory is removed")
    }

    @Test func abortDiscardsStagedOutput() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = FileSetSink(path: dir.file("out"), format: LinesFormat(), mode: .overwrite, runId: "r1")
        let staged = try await sink.stage(LinesFormat.stream(["a"]))
        #expect(dir.list().count == 1, "staged output exists only in the hidden staging directory")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
        await staged.abort()
        #expect(dir.list().isEmpty)
    }

    @Test func anEmptyDatasetStillWritesOnePartWithItsHeader() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try await write([], to: dir.file("out"), mode: .overwrite) == 0)
        #expect(try dir.read("out/part-00000.txt") == "#header\n")
    }

    @Test func maxRecordsPerFileSplitsParts() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await write(["a", "b", "c", "d", "e"], to: dir.file("out"), mode: .overwrite, maxRecordsPerFile: 2)
        #expect(dir.list("out") == ["_SUCCESS", "part-00000.txt", "part-00001.txt", "part-00002.txt"])
        #expect(try dir.read("out/part-00002.txt") == "#header\ne\n")
    }

    @Test func partFileNamesRoundTrip() {
        #expect(PartFileName.make(7, extension: "csv") == "part-00007.csv")
        #expect(PartFileName.make(123_456, extension: "json") == "part-123456.json")
        #expect(PartFileName.number(of: "part-00042.csv") == 42)
        #expect(PartFileName.number(of: "_SUCCESS") == nil)
    }
}
