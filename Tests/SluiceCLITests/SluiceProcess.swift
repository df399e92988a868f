import Foundation

/// Runs the built `sluice` binary in a scratch working directory, as a user would.
struct SluiceProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// The stderr lines that are JSON log records.
        var logRecords: [[String: Any]] {
            stderr.split(separator: "\n").compactMap { line in
                guard line.hasPrefix("{") else { return nil }
                return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            }
        }
    }

    /// The package root, found from this file's location.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `sluice` executable next to the test bundle.
    static let executable: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("sluice")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/sluice")
    }()

    /// A scratch directory holding a copy of `examples/`.
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("examples"),
                                         to: directory.appendingPathComponent("examples"))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }

    func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Runs an `sql` step over CSV `datasets` (name, path in the scratch directory), loaded as
    /// `format` into `out/q`, with `command` (`run` or `validate`): the result and the file written.
    func runSQL(_ query: String, datasets: [(name: String, path: String)], format: String = "csv",
                command: String = "run") throws -> (Result, String?) {
        let extracts = datasets.map { dataset in
            "  {\"type\": \"extract\", \"method\": \"fromFile\", \"config\": {\"path\": \"\(dataset.path)\", "
                + "\"format\": \"csv\", \"registerAs\": \"\(dataset.name)\"}},"
        }
        let quoted = String(decoding: try JSONEncoder().encode(query), as: UTF8.self)
        try write("p.json", "{\"name\": \"sql\", \"steps\": [\n" + extracts.joined(separator: "\n")
            + "\n  {\"type\": \"transform\", \"method\": \"sql\", \"config\": {\"query\": \(quoted)}},"
            + "\n  {\"type\": \"load\", \"method\": \"toFile\", \"config\": {\"path\": \"out/q\", \"format\": \"\(format)\"}}]}\n")
        let result = try run(command, "p.json")
        return (result, try? read("out/q/part-00000.\(format)"))
    }

    /// Runs `sluice arguments...` with the state store inside the scratch directory.
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["SLUICE_STATE_DIR"] = path(".state")
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
