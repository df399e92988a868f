import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `fromPostgres`: reads a PostgreSQL table or query, optionally in parallel ranges.
enum FromPostgres {
    static let descriptor: MethodDescriptor = {
        var descriptor = MethodDescriptor(
            name: "fromPostgres",
            type: .extract,
            inputs: .none,
            summary: "Read a PostgreSQL table or query, optionally in parallel ranges of a numeric, date or timestamp column.",
            details: """
                Reads `table` (every column) or the result of `query`. Connection settings never appear in the \
                pipeline: `credentialPath` names them, and they are read from the environment or a `.env` file \
                (`credentialPath` `warehouse` → `SLUICE_WAREHOUSE_HOST`, `_PORT`, `_DATABASE`, `_USER`, `_PASSWORD`, `_SSLMODE`; \
                see docs/connections.md). Writing `password`, `user`, `host` or `url` in the config is an error.

                With `partitionColumn`, `lowerBound`, `upperBound` and `numPartitions` the read is split as Spark's \
                JDBC source splits it: `numPartitions` ranges of equal stride between the bounds, each read by its \
                own query and connection, up to `maxPoolSize` at once. The first range also reads the rows below \
                `lowerBound` and those whose partition column is NULL, the last the rows above `upperBound`, so \
                the bounds never filter rows. Range bounds are sent as query parameters. A date or timestamp \
                column takes date (`"2025-01-01"`) or timestamp (`"2025-01-01 06:00:00"`) bounds.

                Types: smallint → smallint; integer → int; bigint → bigint; real → float; double precision → \
                double; numeric(p,s) → decimal(p,s), exact (unconstrained numeric → decimal(38,18)); text, varchar, \
                char, uuid, json, jsonb and enums → string; bytea → binary; date → date; timestamp and timestamptz \
                → timestamp (a timestamp without time zone is taken as UTC); boolean → boolean; one-dimensional \
                arrays of these → arrays. Other types (intervals, geometric types, ...) are an error naming the \
                column: cast them in a `query`. Only the \
                columns later steps use are fetched, and simple conditions of a filter right after the read \
                (comparisons with literals, IN lists, IS NULL) are sent to the server.
                """,
            keys: [DatabaseConfig.credentialKey("postgres")] + DatabaseConfig.readKeys + DatabaseConfig.poolKeys,
            example: """
                {
                  "type": "extract",
                  "method": "fromPostgres",
                  "config": {
                    "credentialPath": "warehouse",
                    "table": "large_table",
                    "partitionColumn": "id",
                    "numPartitions": 20,
                    "lowerBound": 1,
                    "upperBound": 1000000,
                    "registerAs": "large"
                  }
                }
                """,
            build: { try DatabaseConfig.scanPlan($0, PostgresReader.self, defaultPath: "postgres") }
        )
        descriptor.misplacedKeys = DatabaseConfig.misplacedKeys(defaultPath: "postgres")
        return descriptor
    }()
}
