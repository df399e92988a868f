import Foundation
import SluiceSpec

/// Opens local files for reading.
enum LocalFileReader {
    /// The file's bytes, memory-mapped so large files cost address space, not memory.
    static func map(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw SluiceError(.io, "cannot read '\(path)': \(error.localizedDescription)")
        }
    }
}
