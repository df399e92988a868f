import SluiceEngine
import SluiceSpec

/// What a database sink needs from one system's client: how to stage a load so that it
/// becomes visible only on `commit` and leaves the table as it was on `abort` or failure.
public protocol DatabaseLoader: Sendable {
    /// The system's name in plans and logs (`postgres`).
    static var system: String { get }
    /// The port used when the credentials name none.
    static var defaultPort: Int { get }
    static var dialect: SQLIdentifier.Dialect { get }
    /// Stages the load of `input` into the table named by `table` (its unquoted parts), as
    /// `request.mode` says. The merge keys of an upsert are known to be columns of `input`.
    static func stage(_ input: RecordBatchStream, into table: [String], request: TableWriteRequest,
                      credentials: DatabaseCredentials, origin: ConfigOrigin?) async throws -> any StagedWrite
}

extension TableWriteRequest {
    /// The error of `errorIfExists` when the table exists.
    func tableExists(origin: ConfigOrigin?) -> SluiceError {
        SluiceError(.outputExists, "table \(table) already exists", location: origin?.location, jsonPath: origin?.jsonPath,
                    hint: "set \"mode\" to \"append\", \"overwrite\", \"upsert\" or \"ignore\"")
    }
}
