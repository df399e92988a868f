import Foundation
import SluiceSpec
#if canImport(Glibc)
import Glibc
#endif

/// Writes a new file and flushes it to disk before returning, so that a commit or checkpoint
/// linked into place after a crash is whole, never empty.
enum DurableFile {
    static func create(_ path: String, contents: Data) throws(SluiceError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else { throw failure(path) }
    }

    private static func failure(_ path: String) -> SluiceError {
        SluiceError(.io, "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}
