import Foundation
import SluiceSpec
#if canImport(Glibc)
import Glibc
#endif

/// A file being written with plain POSIX calls: no copies into `Data`, and `close` syncs
/// the bytes to disk before a commit makes them visible.
final class FileOutput {
    let path: String
    private var descriptor: Int32

    /// Creates `path`, which must not exist yet.
    init(creating path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileOutput.error("cannot create", path) }
    }

    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileOutput.error("cannot write", path)
                }
                offset += written
            }
        }
    }

    /// Flushes to disk and closes.
    func close() throws {
        guard descriptor >= 0 else { return }
        defer { descriptor = -1 }
        guard fsync(descriptor) == 0 else {
            let error = FileOutput.error("cannot flush", path)
            _ = Glibc.close(descriptor)
            throw error
        }
        guard Glibc.close(descriptor) == 0 else { throw FileOutput.error("cannot close", path) }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    static func error(_ action: String, _ path: String) -> SluiceError {
        SluiceError(.io, "\(action) '\(path)': \(String(cString: strerror(errno)))")
    }
}
