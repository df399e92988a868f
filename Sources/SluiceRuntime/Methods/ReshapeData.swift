import SluiceEngine
import SluiceSpec

/// `reshapeData`: pivots rows into columns, or unpivots columns into rows.
enum ReshapeData {
    static let descriptor = MethodDescriptor(
        name: "reshapeData",
        type: .transform,
        inputs: .one,
        summary: "Pivot rows into columns or unpivot columns into rows.",
        details: """
            `operation: pivot` groups by `groupBy` and makes one column per value of `pivotColumn` listed in \
            `values`, holding the aggregate of `aggregations` (same shapes as aggregateData) over that value's rows. \
            With one aggregate the columns are named by the values; with several, `value_aggregate`. `values` is \
            required: it fixes the output columns before the data is read.

            `operation: unpivot` turns `valueColumns` into rows: each input row gives one row per value column, with \
            `idColumns`, the column's name (in `variableColumnName`, default `variable`) and its value (in \
            `valueColumnName`, default `value`; the widest type of the value columns).
            """,
        keys: [
            ConfigKey("operation", .string, required: true, allowed: ["pivot", "unpivot"], "What to do."),
            ConfigKey("groupBy", .stringList, "pivot: the grouping columns."),
            ConfigKey("pivotColumn", .string, "pivot: the column whose values become columns."),
            ConfigKey("values", .stringList, "pivot: the values of pivotColumn to turn into columns, in order."),
            ConfigKey("aggregations", .object, "pivot: what each new column holds, as in aggregateData."),
            ConfigKey("idColumns", .stringList, "unpivot: the columns kept on every row."),
            ConfigKey("valueColumns", .stringList, "unpivot: the columns turned into rows."),
            ConfigKey("variableColumnName", .string, default: "\"variable\"", "unpivot: the name of the column holding column names."),
            ConfigKey("valueColumnName", .string, default: "\"value\"", "unpivot: the name of the column holding values."),
        ],
        example: """
            {
              "type": "transform",
              "method": "reshapeData",
              "config": {
                "operation": "pivot",
                "groupBy": ["category"],
                "pivotColumn": "status",
                "values": ["completed", "pending"],
                "aggregations": { "amount": "sum" }
              }
            }
            """,
        build: { context in
            let config = context.config
            let input = try context.input
            func require(_ key: String) throws {
                if !config.has(key) {
                    throw SluiceError(.missingKey, "reshapeData with operation \(try config.required("operation")) needs '\(key)'",
                                      location: config.node.location, jsonPath: config.basePath.description)
                }
            }
            if try config.required("operation").lowercased() == "unpivot" {
                try require("valueColumns")
                let node = UnpivotNode(
                    input: input,
                    idColumns: try config.has("idColumns") ? ExpressionConfig.columnNames(config, "idColumns").map(\.name) : [],
                    valueColumns: try ExpressionConfig.columnNames(config, "valueColumns").map(\.name),
                    variableName: try config.string("variableColumnName") ?? "variable",
                    valueName: try config.string("valueColumnName") ?? "value", origin: context.origin)
                return StepPlan(output: .unpivot(node))
            }
            for key in ["pivotColumn", "values", "aggregations"] { try require(key) }
            let pivot = try ExpressionParser.parse(try config.required("pivotColumn"), location: config.node["pivotColumn"]?.location,
                                                   jsonPath: config.path(of: "pivotColumn").description)
            var base: [AggregateExpression] = []
            for member in try config.members("aggregations") ?? [] {
                base += try AggregateData.aggregations(member, path: config.path(of: "aggregations").appending(member.key))
            }
            var aggregates: [AggregateExpression] = []
            for value in try config.stringList("values") ?? [] {
                let matches = Expression.binary(.equal, pivot, .literal(.string(value)))
                for aggregate in base {
                    var pivoted = aggregate
                    pivoted.name = base.count == 1 ? value : "\(value)_\(aggregate.name)"
                    pivoted.argument = .caseWhen(operand: nil, branches: [CaseBranch(condition: matches, value: aggregate.argument ?? .literal(.int32(1)))],
                                                 otherwise: nil)
                    aggregates.append(pivoted)
                }
            }
            let keys = try config.has("groupBy") ? ExpressionConfig.columnNames(config, "groupBy") : []
            return StepPlan(output: .aggregate(AggregateNode(
                input: input, groupBy: keys.map { NamedExpression(name: $0.name, expression: $0.expression) },
                aggregates: aggregates, origin: context.origin)))
        }
    )
}
