/// Joins two inputs on equal keys (an equi-join, the kind Spark pipelines use).
public struct JoinNode: Sendable {
    /// How unmatched rows are treated, with Spark's names.
    public enum JoinType: String, Sendable, Hashable, CaseIterable {
        case inner, left, right, full
        case leftSemi = "left_semi"
        case leftAnti = "left_anti"

        /// Accepts Spark's spellings (`left_outer`, `leftouter`, `outer`, `full_outer`, `semi`, `anti`, ...).
        public init?(spelling: String) {
            switch spelling.lowercased().replacingOccurrences(of: "_", with: "") {
            case "inner": self = .inner
            case "left", "leftouter": self = .left
            case "right", "rightouter": self = .right
            case "full", "fullouter", "outer": self = .full
            case "leftsemi", "semi": self = .leftSemi
            case "leftanti", "anti": self = .leftAnti
            default: return nil
            }
        }
    }

    public var left: LogicalPlan
    public var right: LogicalPlan
    public var type: JoinType
    /// Key expressions over the left input, pairwise equal to `rightKeys`.
    public var leftKeys: [Expression]
    public var rightKeys: [Expression]
    /// Right key columns dropped from the output because they equal the left ones by name
    /// (`joinColumn`, or keys named alike): the key appears once, as in Spark's `join(df, "id")`.
    public var mergedKeyNames: [String]
    public var origin: PlanOrigin

    public init(left: LogicalPlan, right: LogicalPlan, type: JoinType, leftKeys: [Expression], rightKeys: [Expression],
                mergedKeyNames: [String], origin: PlanOrigin) {
        self.left = left
        self.right = right
        self.type = type
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.mergedKeyNames = mergedKeyNames
        self.origin = origin
    }
}

import Foundation
