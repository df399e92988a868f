/// A parsed `SELECT` statement: optional common table expressions, a query (selects joined by
/// UNION), then ordering and a limit over the whole result.
public struct SQLStatement: Sendable, Hashable {
    public var commonTables: [CommonTable]
    public var query: SQLQuery
    public var orderBy: [SortNode.Key]
    public var limit: Int?

    /// `name AS (statement)` of a `WITH` clause.
    public struct CommonTable: Sendable, Hashable {
        public var name: String
        public var statement: SQLStatement
    }
}

/// One or more selects combined with UNION.
public indirect enum SQLQuery: Sendable, Hashable {
    case select(SelectClause)
    case union(SQLQuery, SQLQuery, all: Bool)
}

/// `SELECT [DISTINCT] items FROM source joins [WHERE] [GROUP BY] [HAVING]`.
public struct SelectClause: Sendable, Hashable {
    public enum Item: Sendable, Hashable {
        case star
        case expression(Expression, alias: String?)
    }

    public var distinct: Bool
    public var items: [Item]
    public var from: FromItem
    public var joins: [JoinClause]
    public var filter: Expression?
    public var groupBy: [Expression]
    public var having: Expression?
}

/// A dataset or a subquery, with an optional alias.
public indirect enum FromItem: Sendable, Hashable {
    case dataset(name: String, alias: String?)
    case subquery(SQLStatement, alias: String?)

    var alias: String? {
        switch self {
        case .dataset(let name, let alias): alias ?? name
        case .subquery(_, let alias): alias
        }
    }
}

/// `[type] JOIN item ON condition | USING (columns)`.
public struct JoinClause: Sendable, Hashable {
    public var type: JoinNode.JoinType
    public var item: FromItem
    public var condition: Expression?
    public var using: [String]
}
