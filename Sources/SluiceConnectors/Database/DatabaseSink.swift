import Foundation
import SluiceEngine
import SluiceSpec

/// Loads a dataset into a database table, committed with the run (`PostgresSink`,
/// `MySQLSink`). The loader of each system decides how the load is staged; every one
/// promises that nothing is visible before `commit` and that `abort`, or a failure while
/// staging, leaves the table as it was.
public struct DatabaseSink<Loader: DatabaseLoader>: Sink {
    public let request: TableWriteRequest
    public let endpoint: DatabaseEndpoint

    /// `environment` replaces the process environment when looking up the credentials (tests).
    public init(request: TableWriteRequest, credentialPath: String, origin: ConfigOrigin? = nil,
                environment: [String: String]? = nil) {
        self.request = request
        endpoint = DatabaseEndpoint(credentialPath: credentialPath, origin: origin, environment: environment)
    }

    public var summary: String {
        "\(Loader.system) table \(request.table) (\(request.mode.name)) (credentials \(endpoint.credentialPath))"
    }

    public func stage(_ input: RecordBatchStream) async throws -> any StagedWrite {
        let parts = try SQLIdentifier.parts(of: request.table, Loader.dialect)
        let names = input.schema.fields.map(\.name)
        if case .upsert(let keys) = request.mode, let missing = keys.first(where: { !names.contains($0) }) {
            throw SluiceError(.unknownColumn, "merge key '\(missing)' is not a column of the dataset (\(names.joined(separator: ", ")))",
                              location: endpoint.origin?.location, jsonPath: endpoint.origin?.jsonPath)
        }
        return try await Loader.stage(input, into: parts, request: request,
                                      credentials: try endpoint.credentials(defaultPort: Loader.defaultPort), origin: endpoint.origin)
    }
}
