import SluiceSpec

/// The bound keys and the output columns of a join.
struct JoinLayout: Sendable {
    let leftKeys: [BoundExpression]
    let rightKeys: [BoundExpression]
    /// Right columns kept in the output.
    let rightKept: [Int]
    /// For keys merged by name: (left column, right column), so an unmatched right row still shows its key.
    let merged: [(left: Int, right: Int)]
    let leftWidth: Int
    let schema: Schema

    init(node: JoinNode, left: Schema, right: Schema) throws(SluiceError) {
        let leftBinder = ExpressionBinder(schema: left)
        let rightBinder = ExpressionBinder(schema: right)
        var leftKeys: [BoundExpression] = []
        var rightKeys: [BoundExpression] = []
        for (leftKey, rightKey) in zip(node.leftKeys, node.rightKeys) {
            let (l, lt) = try leftBinder.bindUntyped(leftKey)
            let (r, rt) = try rightBinder.bindUntyped(rightKey)
            guard let common = TypeCoercion.comparisonType(lt, rt) else {
                throw SluiceError(.typeMismatch, "cannot join \(leftKey) (\(lt?.sqlName ?? "NULL")) with \(rightKey) (\(rt?.sqlName ?? "NULL"))")
            }
            leftKeys.append(leftBinder.coerce(l, from: lt, to: common))
            rightKeys.append(rightBinder.coerce(r, from: rt, to: common))
        }
        let dropped = Set(node.mergedKeyNames.map { $0.lowercased() })
        rightKept = right.fields.indices.filter { !dropped.contains(right.fields[$0].name.lowercased()) }
        merged = node.mergedKeyNames.compactMap { name in
            guard let l = left.index(of: name), let r = right.index(of: name) else { return nil }
            return (l, r)
        }
        leftWidth = left.fields.count
        let keepsRight = node.type != .leftSemi && node.type != .leftAnti
        let nullableLeft = node.type == .right || node.type == .full
        let nullableRight = node.type == .left || node.type == .full
        var fields = left.fields.map { Field($0.name, $0.type, nullable: $0.nullable || nullableLeft) }
        if keepsRight { fields += rightKept.map { Field(right.fields[$0].name, right.fields[$0].type, nullable: right.fields[$0].nullable || nullableRight) } }
        var seen: [String: Int] = [:]
        for field in fields {
            seen[field.name.lowercased(), default: 0] += 1
            if seen[field.name.lowercased()] == 2 {
                throw SluiceError(.invalidValue, "both inputs of the join have a column named '\(field.name)'",
                                  hint: "rename or drop it on one side first (renameColumns, dropColumns), or join on it by name with joinColumn")
            }
        }
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        schema = Schema(fields)
    }
}
