import Foundation

/// The paths in `add` and `remove` actions: relative to the table root and percent-encoded
/// (absolute `file:` URIs are accepted when reading).
enum DeltaPaths {
    /// Characters left as they are in an encoded path.
    private static let kept = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~/=")

    static func encode(_ relativePath: String) -> String {
        relativePath.addingPercentEncoding(withAllowedCharacters: kept) ?? relativePath
    }

    /// The local file an action's path names.
    static func file(_ path: String, table: String) -> String {
        var decoded = path.removingPercentEncoding ?? path
        if decoded.hasPrefix("file://") { decoded = String(decoded.dropFirst("file://".count)) }
        if decoded.hasPrefix("file:") { decoded = String(decoded.dropFirst("file:".count)) }
        return decoded.hasPrefix("/") ? decoded : (table as NSString).appendingPathComponent(decoded)
    }
}
