import Foundation
import Testing

/// Runs the differential test (Tests/Differential/differential.py): generated pipelines are run
/// by Sluice and, as SQL with Spark's semantics, by DuckDB over the same generated data, and
/// their results must agree.
@Suite struct DifferentialTests {
    @Test(arguments: [7, 8])
    func generatedPipelinesAgreeWithDuckDB(seed: Int) throws {
        let script = SluiceProcess.packageRoot.appendingPathComponent("Tests/Differential/differential.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--sluice", SluiceProcess.executable.path, "--cases", "60", "--seed", String(seed)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("60 cases, 0 mismatches"),
                "the differential test needs python3 with duckdb: run scripts/install-test-deps\n\(text)")
    }
}
