import SluiceSpec

/// Join keys from an `a.x = b.y AND ...` condition, each side placed by its qualifier, and
/// the key names to merge: shared by `joinDataFrames` and SQL joins.
public enum JoinKeys {
    /// The left and right keys of `condition`. A column qualified by `rightName` (or whose
    /// partner is qualified by one of `leftNames`) is a right key; otherwise the first column of an
    /// equality is the left one. Anything but equalities of this kind is an error.
    public static func split(_ condition: Expression, leftNames: Set<String>, rightName: String?)
        throws(SluiceError) -> (left: [Expression], right: [Expression]) {
        var left: [Expression] = []
        var right: [Expression] = []
        for equality in conjuncts(condition) {
            guard case .binary(.equal, let a, let b) = equality else {
                throw SluiceError(.invalidValue, "'\(equality)' is not an equality of a left and a right column",
                                  hint: "joins are on equal keys: write left.column = right.column; move other conditions to a filter")
            }
            let aIsRight = qualifier(a).map { $0 == rightName?.lowercased() } ?? false
            let bIsLeft = qualifier(b).map { leftNames.contains($0) } ?? false
            if aIsRight || bIsLeft { left.append(b); right.append(a) } else { left.append(a); right.append(b) }
        }
        return (left, right)
    }

    /// Key pairs that name the same column on both sides: the key appears once in the output.
    public static func mergedNames(_ left: [Expression], _ right: [Expression]) -> [String] {
        zip(left, right).compactMap { l, r in
            guard case .column(let leftName, _) = l, case .column(let rightName, _) = r,
                  leftName.lowercased() == rightName.lowercased() else { return nil }
            return rightName
        }
    }

    /// The AND-ed parts of a condition.
    static func conjuncts(_ expression: Expression) -> [Expression] {
        if case .binary(.and, let a, let b) = expression { return conjuncts(a) + conjuncts(b) }
        return [expression]
    }

    static func qualifier(_ expression: Expression) -> String? {
        if case .column(_, let qualifier) = expression { return qualifier?.lowercased() }
        return nil
    }
}
