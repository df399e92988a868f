/// What a sink does when its target already holds data.
public enum WriteMode: String, Sendable, Hashable, CaseIterable {
    /// Add the new data beside what is there.
    case append
    /// Replace what is there, atomically.
    case overwrite
    /// Fail the run if the target holds data.
    case errorIfExists
    /// Leave the target alone and write nothing if it holds data.
    case ignore

    /// Accepts the spellings Spark accepts: case-insensitive, and `error` / `errorifexists` / `default`.
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "append": self = .append
        case "overwrite": self = .overwrite
        case "errorifexists", "error", "default": self = .errorIfExists
        case "ignore": self = .ignore
        default: return nil
        }
    }
}
