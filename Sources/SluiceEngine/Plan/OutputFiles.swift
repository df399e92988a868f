/// How many files a later file write makes, as `repartition`, `repartitionByColumns` and
/// `coalesce` ask: the engine itself runs on all cores whatever the partitioning, so these
/// matter only where Spark's shape shows, in the output files.
public enum OutputFiles: Sendable, Hashable, CustomStringConvertible {
    /// `n` files (per partition directory), the rows dealt out evenly.
    case roundRobin(Int)
    /// `n` files (per partition directory), each value of the columns in one file only.
    case hashed(columns: [String], count: Int)
    /// At most `n` files (per partition directory), whole batches in each: no reshuffling of rows.
    case coalesced(Int)

    public var description: String {
        switch self {
        case .roundRobin(let count): "\(count) files, rows dealt evenly"
        case .hashed(let columns, let count): "\(count) files by \(columns.joined(separator: ", "))"
        case .coalesced(let count): "at most \(count) files"
        }
    }

    /// The hint the rows of `plan` carry: the nearest repartition below steps that keep rows
    /// in place (filters, projections, caches, other stream transforms).
    public static func find(in plan: LogicalPlan) -> OutputFiles? {
        switch plan {
        case .transform(let node): node.outputFiles ?? find(in: node.input)
        case .filter(let node): find(in: node.input)
        case .project(let node): find(in: node.input)
        case .cache(let node): find(in: node.input)
        default: nil
        }
    }
}
