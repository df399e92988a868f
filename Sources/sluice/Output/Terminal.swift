import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's stdout and stderr. The only place Sluice writes to the terminal; it keeps
/// the progress line (on a terminal) from mixing with log lines.
final class Terminal: @unchecked Sendable {
    static let shared = Terminal()

    /// Whether stderr is a terminal (then a progress line is drawn).
    let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var progress: String?

    func writeOutput(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a log line or message to stderr, redrawing the progress line after it.
    func writeError(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        var out = progress == nil ? "" : "\r\u{1B}[2K"
        out += text
        if let progress { out += progress }
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// Replaces the progress line (nil removes it). Does nothing unless stderr is a terminal.
    func setProgress(_ line: String?) {
        guard stderrIsTerminal else { return }
        lock.lock(); defer { lock.unlock() }
        progress = line
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + (line ?? "")).utf8))
    }
}
