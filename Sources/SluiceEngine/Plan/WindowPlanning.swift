/// Takes the window calls out of expressions: they become columns of a `WindowNode` under
/// `input`, and the expressions refer to those columns instead, so the usual projection can
/// then compute everything else.
public enum WindowPlanning {
    /// The input with the window columns added (unchanged when there are none), the rewritten
    /// expressions, and the names of the added columns (to drop afterwards).
    public static func extract(_ expressions: [NamedExpression], input: LogicalPlan,
                               origin: PlanOrigin) -> (LogicalPlan, [NamedExpression], [String]) {
        var calls: [WindowCall] = []
        for expression in expressions {
            for call in expression.expression.windowCalls where !calls.contains(call) { calls.append(call) }
        }
        guard !calls.isEmpty else { return (input, expressions, []) }
        let names = calls.indices.map { "__window\($0)" }
        let rewritten = expressions.map { named in
            var named = named
            named.expression = named.expression.rewritten { part in
                if case .window(let call) = part, let index = calls.firstIndex(of: call) { return .column(name: names[index], qualifier: nil) }
                return nil
            }
            return named
        }
        let node = WindowNode(input: input, columns: zip(names, calls).map { WindowNode.Column(name: $0, call: $1) }, origin: origin)
        return (.window(node), rewritten, names)
    }
}
