import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `toPostgres`: loads a dataset into a PostgreSQL table, atomically with the run.
enum ToPostgres {
    static let descriptor: MethodDescriptor = {
        var descriptor = MethodDescriptor(
            name: "toPostgres",
            type: .load,
            inputs: .one,
            summary: "Load a dataset into a PostgreSQL table with COPY, in one transaction committed with the run.",
            details: """
                Streams the rows with `COPY ... FROM STDIN`, `batchSize` rows per message, inside one transaction \
                that commits only when every step of the run has succeeded: a failure anywhere (a bad value, a \
                lost connection, another step) rolls it back and leaves the table as it was. Readers see the old \
                rows until the commit. A missing table is created from the dataset's schema (int → integer, \
                bigint → bigint, double → double precision, string → text, date → date, timestamp → timestamp \
                with time zone, boolean → boolean). Columns are matched by name; the table may have more.

                `mode`: `errorIfExists` (the default, as in Spark) fails when the table exists; `append` adds \
                the rows; `overwrite` replaces every row, keeping the table's definition; `ignore` writes nothing \
                when the table exists; `upsert` replaces the rows whose `mergeKeys` equal an incoming row's and \
                adds the rest (incoming rows with the same keys are all added). Connection settings come from \
                `credentialPath`, as for `fromPostgres`.
                """,
            keys: [DatabaseConfig.credentialKey("postgres")] + DatabaseConfig.writeKeys + DatabaseConfig.poolKeys,
            example: """
                {
                  "type": "load",
                  "method": "toPostgres",
                  "config": {
                    "inputDataFrames": ["orders"],
                    "credentialPath": "warehouse",
                    "table": "target_table",
                    "batchSize": 10000,
                    "mode": "append"
                  }
                }
                """,
            build: { try DatabaseConfig.writePlan($0, PostgresLoader.self, defaultPath: "postgres") }
        )
        descriptor.misplacedKeys = DatabaseConfig.misplacedKeys(defaultPath: "postgres")
        return descriptor
    }()
}
