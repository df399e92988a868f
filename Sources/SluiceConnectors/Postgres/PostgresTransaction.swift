import PostgresNIO
import SluiceEngine
import SluiceSpec

/// A load's open transaction, committed when the whole run succeeds.
struct PostgresTransaction: StagedWrite {
    let connection: PostgresConnection
    let rowCount: Int
    let table: String
    let origin: ConfigOrigin?

    func commit() async throws {
        defer { Task { try? await connection.close() } }
        try await PostgresConnector.execute("COMMIT", on: connection, action: "committing table \(table)", origin: origin)
    }

    func abort() async {
        try? await PostgresConnector.execute("ROLLBACK", on: connection, action: "rolling back table \(table)", origin: origin)
        try? await connection.close()
    }
}
