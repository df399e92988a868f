import Foundation

/// A temporary directory of pipeline files for loader tests.
struct Fixture {
    let directory: String

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-spec-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
