import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `fromMySQL`: reads a MySQL or MariaDB table or query, optionally in parallel ranges.
enum FromMySQL {
    static let descriptor: MethodDescriptor = {
        var descriptor = MethodDescriptor(
            name: "fromMySQL",
            type: .extract,
            inputs: .none,
            summary: "Read a MySQL or MariaDB table or query, optionally in parallel ranges of a numeric, date or timestamp column.",
            details: """
                Reads `table` (every column) or the result of `query`, through a read-only server cursor that \
                fetches `fetchSize` rows per round trip. Connection settings come from `credentialPath` \
                (default `mysql`: `SLUICE_MYSQL_HOST`, `_PORT`, `_DATABASE`, `_USER`, `_PASSWORD`, `_SSLMODE`, from the \
                environment or a `.env` file; see docs/connections.md), never from the pipeline file. \
                Partitioned reads (`partitionColumn`, `lowerBound`, `upperBound`, `numPartitions`) split as in \
                `fromPostgres`: no row is lost or read twice whatever the bounds, NULLs go to the first range.

                Types: TINYINT(1)/BOOLEAN → boolean; TINYINT → tinyint (unsigned: smallint); SMALLINT → \
                smallint (unsigned: int); MEDIUMINT, YEAR and INT → int, except unsigned INT → bigint; BIGINT → \
                bigint (unsigned: decimal(20,0)); FLOAT → float; DOUBLE → double; DECIMAL(p,s) → decimal(p,s) (exact; at most 38 digits); \
                CHAR, VARCHAR, TEXT, ENUM, SET and JSON → string; BINARY, VARBINARY and BLOB → binary; DATE → date; \
                DATETIME and TIMESTAMP → timestamp (the session runs in UTC). BIT, TIME and spatial columns are an \
                error naming the column: convert them in a `query`.
                """,
            keys: [DatabaseConfig.credentialKey("mysql")] + DatabaseConfig.readKeys + DatabaseConfig.poolKeys,
            example: """
                {
                  "type": "extract",
                  "method": "fromMySQL",
                  "config": {
                    "credentialPath": "shop",
                    "query": "SELECT * FROM orders WHERE status = 'completed'",
                    "fetchSize": 5000,
                    "registerAs": "orders"
                  }
                }
                """,
            build: { try DatabaseConfig.scanPlan($0, MySQLReader.self, defaultPath: "mysql") }
        )
        descriptor.misplacedKeys = DatabaseConfig.misplacedKeys(defaultPath: "mysql")
        return descriptor
    }()
}
