import CFileSystem
import Foundation
import SluiceSpec
#if canImport(Glibc)
import Glibc
#endif

/// Makes a fully written staging directory visible at its target path in one step.
enum DirectoryCommit {
    /// Puts `staging` at `target`. When `target` exists the two are swapped atomically
    /// (readers see the old directory or the new one, never a mix or nothing) and the old
    /// content, now at `staging`, is removed.
    static func publish(staging: String, target: String) throws {
        if !FileManager.default.fileExists(atPath: target) {
            guard rename(staging, target) == 0 else { throw FileOutput.error("cannot move the output into place at", target) }
            return
        }
        if sluice_rename_exchange(staging, target) == 0 {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        guard errno == EINVAL || errno == ENOSYS else {
            throw FileOutput.error("cannot move the output into place at", target)
        }
        // The file system cannot exchange: move the old aside first, so a failure can put it back.
        let aside = staging + ".previous"
        guard rename(target, aside) == 0 else { throw FileOutput.error("cannot move the previous output aside at", target) }
        guard rename(staging, target) == 0 else {
            let error = FileOutput.error("cannot move the output into place at", target)
            _ = rename(aside, target)
            throw error
        }
        try? FileManager.default.removeItem(atPath: aside)
    }
}
