import Foundation

/// How the local engine may use memory: operators that must hold their input or state keep at
/// most about `memoryLimit` bytes of it in memory each, and spill to files in `spillDirectory`
/// beyond that: a sort spills sorted runs, a join's right input and deduplication's seen keys
/// spill as hash partitions.
public struct EngineOptions: Sendable {
    public var memoryLimit: Int
    public var spillDirectory: URL

    /// Half of the machine's memory.
    public static var defaultMemoryLimit: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory / 2) }

    public init(memoryLimit: Int? = nil, spillDirectory: URL? = nil) {
        self.memoryLimit = max(1, memoryLimit ?? Self.defaultMemoryLimit)
        self.spillDirectory = spillDirectory ?? FileManager.default.temporaryDirectory
    }

    /// Parses a size as `--memory-limit` takes it: bytes, or a number with `KB`, `MB`, `GB`
    /// or `TB` (powers of 1024; case-insensitive, the `B` optional). Nil when not a size.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let kilo = 1024.0
        let units: [(String, Double)] = [("TB", kilo * kilo * kilo * kilo), ("GB", kilo * kilo * kilo), ("MB", kilo * kilo), ("KB", kilo),
                                         ("T", kilo * kilo * kilo * kilo), ("G", kilo * kilo * kilo), ("M", kilo * kilo), ("K", kilo), ("B", 1)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
            return Int(number * factor)
        }
        return Int(trimmed).flatMap { $0 > 0 ? $0 : nil }
    }
}
