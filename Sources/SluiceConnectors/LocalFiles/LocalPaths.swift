import Foundation
import SluiceSpec
#if canImport(Glibc)
import Glibc
#endif

/// Turns the `path` of a file source into the files it names: a file, a directory (every
/// data file below it) or a glob (`data/*.csv`, `logs/2025-*/part-*`).
///
/// Names starting with `.` or `_` are skipped (staging folders, `_SUCCESS` markers), as Spark
/// does. The result is sorted, so runs are repeatable.
public enum LocalPaths {
    /// The data files `path` names; throws `input-not-found` when it names none.
    public static func expand(_ path: String, origin: ConfigOrigin? = nil) throws -> [String] {
        let files: [String]
        if path.contains(where: { "*?[".contains($0) }) {
            files = try glob(path).flatMap { try filesBelow($0) }
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SluiceError(.inputNotFound, "input path '\(path)' does not exist", location: origin?.location,
                                  jsonPath: origin?.jsonPath,
                                  hint: "check the path; relative paths are resolved from the current directory (\(FileManager.default.currentDirectoryPath))")
            }
            files = try filesBelow(path)
        }
        guard !files.isEmpty else {
            throw SluiceError(.inputNotFound, "input path '\(path)' names no data files", location: origin?.location,
                              jsonPath: origin?.jsonPath,
                              hint: "files whose names start with '.' or '_' are skipped")
        }
        return files.sorted()
    }

    /// `path` itself if it is a file, else every data file below it.
    private static func filesBelow(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return isHidden(path) ? [] : [path] }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw SluiceError(.io, "cannot list directory '\(path)': \(error.localizedDescription)")
        }
        return try entries.filter { !isHidden($0) }.flatMap { try filesBelow((path as NSString).appendingPathComponent($0)) }
    }

    private static func isHidden(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasPrefix(".") || name.hasPrefix("_")
    }

    private static func glob(_ pattern: String) throws -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        let status = Glibc.glob(pattern, 0, nil, &result)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else { throw SluiceError(.io, "cannot expand the pattern '\(pattern)' (glob error \(status))") }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}
