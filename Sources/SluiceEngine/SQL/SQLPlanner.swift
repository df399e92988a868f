import SluiceSpec

/// Compiles a `SQLStatement` into plan nodes over named datasets: the same nodes the step
/// methods build, so SQL and step pipelines run, prune and explain alike.
public struct SQLPlanner {
    /// The datasets a query may read, by lower-cased name.
    let datasets: [String: LogicalPlan]
    let origin: PlanOrigin
    /// The datasets the query read (lower-cased), for the pipeline's data flow.
    public private(set) var used: Set<String> = []

    public init(datasets: [String: LogicalPlan], origin: PlanOrigin) {
        self.datasets = datasets
        self.origin = origin
    }

    public mutating func plan(_ statement: SQLStatement) throws(SluiceError) -> LogicalPlan {
        try plan(statement, scope: datasets)
    }

    private mutating func plan(_ statement: SQLStatement, scope outer: [String: LogicalPlan]) throws(SluiceError) -> LogicalPlan {
        var scope = outer
        for table in statement.commonTables { scope[table.name.lowercased()] = try plan(table.statement, scope: scope) }
        var keys = statement.orderBy
        var hidden: [NamedExpression] = []
        if case .select(let clause) = statement.query {
            // ORDER BY sum(x) or an unaliased expression means the select item that computes it.
            for index in keys.indices {
                for item in clause.items {
                    if case .expression(let expression, let alias) = item, expression == keys[index].expression {
                        keys[index].expression = .column(name: alias ?? Self.defaultName(expression), qualifier: nil)
                    }
                }
            }
            (keys, hidden) = Self.hiddenSortColumns(keys, clause)
        }
        var result: LogicalPlan
        if case .select(let clause) = statement.query, !hidden.isEmpty {
            result = try plan(clause, scope: scope, hidden: hidden)
        } else {
            result = try plan(statement.query, scope: scope)
        }
        if !keys.isEmpty {
            result = .sort(SortNode(input: result, keys: keys, origin: origin))
        }
        if !hidden.isEmpty {
            result = .project(ProjectNode(input: result, operation: .drop(hidden.map(\.name)), origin: origin))
        }
        if let limit = statement.limit { result = .limit(LimitNode(input: result, count: limit, origin: origin)) }
        return result
    }

    private mutating func plan(_ query: SQLQuery, scope: [String: LogicalPlan]) throws(SluiceError) -> LogicalPlan {
        switch query {
        case .select(let clause):
            return try plan(clause, scope: scope)
        case .union(let left, let right, let all):
            let union = LogicalPlan.union(UnionNode(inputs: [try plan(left, scope: scope), try plan(right, scope: scope)], origin: origin))
            return all ? union : .distinct(DistinctNode(input: union, columns: nil, origin: origin))
        }
    }

    private mutating func source(_ item: FromItem, scope: [String: LogicalPlan]) throws(SluiceError) -> LogicalPlan {
        switch item {
        case .subquery(let statement, _):
            return try plan(statement, scope: scope)
        case .dataset(let name, _):
            guard let plan = scope[name.lowercased()] else {
                throw SluiceError(.unknownDataset, "the query reads '\(name)', but no dataset has that name",
                                  hint: NameSuggester.hint(for: name, in: scope.keys) ?? "datasets: \(scope.keys.sorted().joined(separator: ", "))")
            }
            if datasets[name.lowercased()] != nil { used.insert(name.lowercased()) }
            return plan
        }
    }

    /// Sort keys of a SELECT without DISTINCT or `*` that the select list does not output, as
    /// Spark allows: columns it leaves out, and with GROUP BY or aggregates, grouping columns
    /// and aggregates it leaves out (`ORDER BY count(*)`). Each becomes a hidden column
    /// computed beside the select list, sorted by, then dropped.
    static func hiddenSortColumns(_ keys: [SortNode.Key], _ clause: SelectClause) -> ([SortNode.Key], [NamedExpression]) {
        let expressions = clause.items.compactMap { item -> (Expression, String?)? in
            if case .expression(let expression, let alias) = item { return (expression, alias) }
            return nil
        }
        guard !clause.distinct, !clause.items.contains(.star) else { return (keys, []) }
        let aggregated = !clause.groupBy.isEmpty || expressions.contains { !$0.0.aggregateCalls.isEmpty }
        let outputs = Set(expressions.map { ($0.1 ?? defaultName($0.0)).lowercased() })
        var keys = keys
        var hidden: [NamedExpression] = []
        for index in keys.indices {
            let expression = keys[index].expression
            let aggregates = !expression.aggregateCalls.isEmpty
            guard aggregates ? aggregated : !expression.referencedColumns.allSatisfy({ outputs.contains($0.lowercased()) }) else {
                continue
            }
            let name = "__order\(index)"
            hidden.append(NamedExpression(name: name, expression: expression))
            keys[index].expression = .column(name: name, qualifier: nil)
        }
        return (keys, hidden)
    }

    private mutating func plan(_ clause: SelectClause, scope: [String: LogicalPlan],
                               hidden: [NamedExpression] = []) throws(SluiceError) -> LogicalPlan {
        var result = try source(clause.from, scope: scope)
        var leftAliases = Set([clause.from.alias?.lowercased()].compactMap { $0 })
        for join in clause.joins {
            let right = try source(join.item, scope: scope)
            let rightAlias = join.item.alias?.lowercased()
            var leftKeys: [Expression] = []
            var rightKeys: [Expression] = []
            if !join.using.isEmpty {
                leftKeys = join.using.map { .column(name: $0, qualifier: nil) }
                rightKeys = leftKeys
            } else if let condition = join.condition {
                (leftKeys, rightKeys) = try JoinKeys.split(condition, leftNames: leftAliases, rightName: rightAlias)
            }
            let merged = JoinKeys.mergedNames(leftKeys, rightKeys)
            result = .join(JoinNode(left: result, right: right, type: join.type, leftKeys: leftKeys, rightKeys: rightKeys,
                                    mergedKeyNames: merged, origin: origin))
            if let rightAlias { leftAliases.insert(rightAlias) }
        }
        if let filter = clause.filter {
            result = .filter(FilterNode(input: result, condition: NamedExpression(name: "WHERE", expression: filter), origin: origin))
        }
        let expressions = clause.items.compactMap { item -> Expression? in
            if case .expression(let expression, _) = item { return expression }
            return nil
        }
        let calls = (expressions + [clause.having].compactMap { $0 } + hidden.map(\.expression)).flatMap(\.aggregateCalls)
        if !clause.groupBy.isEmpty || !calls.isEmpty {
            result = try aggregate(clause, input: result, calls: calls, hidden: hidden)
        } else if !(clause.items.count == 1 && clause.items[0] == .star) {
            let named = clause.items.compactMap { item -> NamedExpression? in
                guard case .expression(let expression, let alias) = item else { return nil }
                return NamedExpression(name: alias ?? Self.defaultName(expression), expression: expression)
            } + hidden
            let (windowed, rewritten, windowColumns) = WindowPlanning.extract(named, input: result, origin: origin)
            let operation: ProjectNode.Operation = clause.items.contains(.star) ? .withColumns(rewritten) : .select(rewritten)
            result = .project(ProjectNode(input: windowed, operation: operation, origin: origin))
            if clause.items.contains(.star), !windowColumns.isEmpty {
                result = .project(ProjectNode(input: result, operation: .drop(windowColumns), origin: origin))
            }
        }
        if clause.distinct { result = .distinct(DistinctNode(input: result, columns: nil, origin: origin)) }
        return result
    }

    /// GROUP BY and aggregates: an aggregate node, then HAVING, then the select list over its output.
    private func aggregate(_ clause: SelectClause, input: LogicalPlan, calls: [Expression],
                           hidden: [NamedExpression]) throws(SluiceError) -> LogicalPlan {
        if clause.items.contains(.star) {
            throw SluiceError(.invalidValue, "SELECT * cannot be combined with GROUP BY or aggregates", hint: "name the grouping columns")
        }
        var unique: [Expression] = []
        for call in calls where !unique.contains(call) { unique.append(call) }
        let keys = clause.groupBy.enumerated().map { index, expression in
            NamedExpression(name: { if case .column(let name, _) = expression { return name } else { return "__key\(index)" } }(),
                            expression: expression)
        }
        let aggregates = unique.enumerated().map { index, call -> AggregateExpression in
            guard case .function(let name, let arguments, let distinct) = call else { preconditionFailure("not a call") }
            return AggregateExpression(name: "__agg\(index)", function: AggregateFunction(name: name)!,
                                       argument: arguments[0] == .star ? nil : arguments[0], distinct: distinct)
        }
        let rewrite = { (expression: Expression) -> Expression in
            expression.rewritten { part in
                if let index = unique.firstIndex(of: part) { return .column(name: "__agg\(index)", qualifier: nil) }
                if let key = keys.first(where: { $0.expression == part }) { return .column(name: key.name, qualifier: nil) }
                return nil
            }
        }
        var result = LogicalPlan.aggregate(AggregateNode(input: input, groupBy: keys, aggregates: aggregates, origin: origin))
        if let having = clause.having {
            result = .filter(FilterNode(input: result, condition: NamedExpression(name: "HAVING", expression: rewrite(having)), origin: origin))
        }
        let items = clause.items.compactMap { item -> NamedExpression? in
            guard case .expression(let expression, let alias) = item else { return nil }
            return NamedExpression(name: alias ?? Self.defaultName(expression), expression: rewrite(expression))
        } + hidden.map { NamedExpression(name: $0.name, expression: rewrite($0.expression)) }
        return .project(ProjectNode(input: result, operation: .select(items), origin: origin))
    }

    /// A select item's name when it has no alias: the column's name, or the expression as written.
    static func defaultName(_ expression: Expression) -> String {
        if case .column(let name, _) = expression { return name }
        return expression.description
    }
}
