import SluiceEngine

/// Unions of several types, as Spark reads them: only `int` and `long` branches → BIGINT;
/// only `float` and `double` → DOUBLE; otherwise a STRUCT with a nullable field per non-null
/// branch (`member0`, `member1`, ...), of which a value sets the one its branch is. A `null`
/// branch makes the column nullable.
extension AvroEngineMapping {
    static func unionType(_ branches: [AvroSchema], visiting: Set<String>) -> (type: DataType, nullable: Bool)? {
        let others = branches.filter { !$0.isNull }
        let nullable = others.count < branches.count
        guard !others.isEmpty else { return (.string, true) }
        if others.count == 1 { return dataType(of: others[0], visiting: visiting).map { ($0.type, nullable || $0.nullable) } }
        let numbers = others.map { ($0.typeName, $0.logicalType == nil) }
        if numbers.allSatisfy({ ["int", "long"].contains($0.0) && $0.1 }) { return (.int64, nullable) }
        if numbers.allSatisfy({ ["float", "double"].contains($0.0) }) { return (.float64, nullable) }
        var members: [Field] = []
        for (index, branch) in others.enumerated() {
            guard let mapped = dataType(of: branch, visiting: visiting) else { return nil }
            members.append(Field("member\(index)", mapped.type))
        }
        return (.struct(members), nullable)
    }

    /// The value of union branch `branch` (holding `inner`) as the union's engine `type`.
    static func unionScalar(_ inner: AvroValue, branch: Int, branches: [AvroSchema], type: DataType) -> ScalarValue? {
        guard branches.indices.contains(branch), !branches[branch].isNull else { return .null }
        guard let value = scalar(inner, schema: branches[branch]) else { return nil }
        guard case .struct(let members) = type else { return value.cast(to: type) }
        let position = branches[..<branch].filter { !$0.isNull }.count
        return .struct(members.indices.map { $0 == position ? value.cast(to: members[$0].type) : .null })
    }
}
