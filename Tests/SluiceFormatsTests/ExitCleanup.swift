import Foundation

/// Paths removed when the test process exits: the fixture directories that suites write once
/// and share for the whole run, which no single test can remove.
enum ExitCleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = []
    private static let registered: Void = { atexit { ExitCleanup.removeAll() } }()

    /// Removes `path` (a file or a directory tree) at exit.
    static func remove(_ path: String) {
        _ = registered
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    private static func removeAll() {
        lock.lock()
        let pending = paths
        paths = []
        lock.unlock()
        for path in pending { try? FileManager.default.removeItem(atPath: path) }
    }
}
