import SluiceEngine
import SluiceSpec

/// `sql`: a SELECT over the registered datasets.
enum SQL {
    static let descriptor = MethodDescriptor(
        name: "sql",
        type: .transform,
        inputs: .none,
        summary: "Run a SELECT over the datasets registered so far, by name.",
        details: """
            `query` is a Spark SQL SELECT: `WITH`, `SELECT [DISTINCT]` (with aliases and `*`), `FROM` a dataset or a \
            subquery, `[INNER|LEFT|RIGHT|FULL|LEFT SEMI|LEFT ANTI] JOIN ... ON` equalities or `USING (columns)`, \
            `WHERE`, `GROUP BY` with aggregates in the select list, `HAVING`, `UNION [ALL]`, `ORDER BY` \
            (`ASC`/`DESC`, `NULLS FIRST`/`LAST`; also by columns, grouping columns and aggregates the select list \
            leaves out, except with DISTINCT) and `LIMIT`. Datasets are those registered by earlier steps \
            (`registerAs`); expressions and functions are those of the other methods. A column without an alias is \
            named after its expression (`sum(amount)`).
            """,
        keys: [ConfigKey("query", .string, required: true, "A SELECT statement.")],
        example: """
            {
              "type": "transform",
              "method": "sql",
              "config": {
                "query": "SELECT region, sum(amount) AS revenue FROM orders o JOIN customers c USING (customer_id) WHERE c.active GROUP BY region ORDER BY revenue DESC"
              }
            }
            """,
        build: { context in
            let config = context.config
            let statement = try SQLParser.parse(try config.required("query"), location: config.node["query"]?.location,
                                                jsonPath: config.path(of: "query").description)
            var planner = SQLPlanner(datasets: context.datasets, origin: context.origin)
            do throws(SluiceError) {
                let plan = try planner.plan(statement)
                return StepPlan(output: plan, reads: planner.used.sorted())
            } catch {
                var located = error
                located.location = located.location ?? config.node["query"]?.location
                located.jsonPath = located.jsonPath ?? config.path(of: "query").description
                throw located
            }
        }
    )
}
