import SluiceSpec

/// Parses the `SELECT` statements of the `sql` method, in the Spark SQL dialect; expressions
/// are parsed by `ExpressionParser`, so they accept everything the other methods accept.
public struct SQLParser {
    private var parser: ExpressionParser

    /// Parses `text`, reporting syntax errors with a caret, located at `location`.
    public static func parse(_ text: String, location: SourceLocation?, jsonPath: String?) throws(SluiceError) -> SQLStatement {
        do throws(ExpressionSyntaxError) {
            var sql = SQLParser(parser: ExpressionParser(tokens: try ExpressionLexer.tokenize(text)))
            let statement = try sql.statement()
            _ = sql.parser.acceptSymbol(";")
            guard sql.parser.current.kind == .end else {
                throw ExpressionSyntaxError("unexpected \(sql.parser.describe(sql.parser.current)) after the end of the query",
                                            at: sql.parser.current.offset)
            }
            return statement
        } catch {
            var failure = error.sluiceError(in: text, location: location, jsonPath: jsonPath)
            failure.message = failure.message.replacingOccurrences(of: "invalid expression", with: "invalid SQL")
            failure.hint = "Sluice's SQL is Spark's SELECT: WITH, SELECT [DISTINCT], FROM, JOIN ... ON / USING, WHERE, GROUP BY, HAVING, UNION [ALL], ORDER BY, LIMIT"
            throw failure
        }
    }

    private init(parser: ExpressionParser) {
        self.parser = parser
    }

    private mutating func statement() throws(ExpressionSyntaxError) -> SQLStatement {
        var tables: [SQLStatement.CommonTable] = []
        if parser.acceptKeyword("WITH") {
            repeat {
                let name = try identifier("a name for the WITH query")
                try parser.expectKeyword("AS")
                try parser.expectSymbol("(")
                tables.append(SQLStatement.CommonTable(name: name, statement: try statement()))
                try parser.expectSymbol(")")
            } while parser.acceptSymbol(",")
        }
        var query = SQLQuery.select(try select())
        while parser.acceptKeyword("UNION") {
            let all = parser.acceptKeyword("ALL")
            _ = parser.acceptKeyword("DISTINCT")
            query = .union(query, .select(try select()), all: all)
        }
        var orderBy: [SortNode.Key] = []
        if parser.acceptKeyword("ORDER") {
            try parser.expectKeyword("BY")
            repeat { orderBy.append(try parser.parseSortKey()) } while parser.acceptSymbol(",")
        }
        var limit: Int?
        if parser.acceptKeyword("LIMIT") {
            guard case .integer(let text) = parser.current.kind, let value = Int(text) else {
                throw ExpressionSyntaxError("expected a number after LIMIT", at: parser.current.offset)
            }
            parser.advance()
            limit = value
        }
        return SQLStatement(commonTables: tables, query: query, orderBy: orderBy, limit: limit)
    }

    private mutating func select() throws(ExpressionSyntaxError) -> SelectClause {
        try parser.expectKeyword("SELECT")
        let distinct = parser.acceptKeyword("DISTINCT")
        var items: [SelectClause.Item] = []
        repeat {
            if parser.acceptSymbol("*") {
                items.append(.star)
            } else {
                let expression = try parser.parseOr()
                items.append(.expression(expression, alias: try alias()))
            }
        } while parser.acceptSymbol(",")
        try parser.expectKeyword("FROM")
        let from = try fromItem()
        var joins: [JoinClause] = []
        while let type = try joinType() {
            let item = try fromItem()
            if parser.acceptKeyword("USING") {
                try parser.expectSymbol("(")
                var columns: [String] = []
                repeat { columns.append(try identifier("a column name")) } while parser.acceptSymbol(",")
                try parser.expectSymbol(")")
                joins.append(JoinClause(type: type, item: item, condition: nil, using: columns))
            } else {
                try parser.expectKeyword("ON")
                joins.append(JoinClause(type: type, item: item, condition: try parser.parseOr(), using: []))
            }
        }
        let filter = parser.acceptKeyword("WHERE") ? try parser.parseOr() : nil
        var groupBy: [Expression] = []
        if parser.acceptKeyword("GROUP") {
            try parser.expectKeyword("BY")
            repeat { groupBy.append(try parser.parseOr()) } while parser.acceptSymbol(",")
        }
        let having = parser.acceptKeyword("HAVING") ? try parser.parseOr() : nil
        return SelectClause(distinct: distinct, items: items, from: from, joins: joins, filter: filter, groupBy: groupBy, having: having)
    }

    private mutating func fromItem() throws(ExpressionSyntaxError) -> FromItem {
        if parser.acceptSymbol("(") {
            let statement = try statement()
            try parser.expectSymbol(")")
            return .subquery(statement, alias: try alias())
        }
        return .dataset(name: try identifier("a dataset name"), alias: try alias())
    }

    /// The join keyword sequence, if one starts here.
    private mutating func joinType() throws(ExpressionSyntaxError) -> JoinNode.JoinType? {
        let type: JoinNode.JoinType
        switch parser.current.keyword {
        case "JOIN": type = .inner
        case "INNER": parser.advance(); type = .inner
        case "LEFT":
            parser.advance()
            type = parser.acceptKeyword("SEMI") ? .leftSemi : parser.acceptKeyword("ANTI") ? .leftAnti : .left
        case "RIGHT": parser.advance(); type = .right
        case "FULL": parser.advance(); type = .full
        default: return nil
        }
        _ = parser.acceptKeyword("OUTER")
        try parser.expectKeyword("JOIN")
        return type
    }

    /// `[AS] name` when present.
    private mutating func alias() throws(ExpressionSyntaxError) -> String? {
        if parser.acceptKeyword("AS") { return try identifier("an alias") }
        switch parser.current.kind {
        case .identifier(let name) where ["ASC", "DESC", "NULLS"].contains(name.uppercased()): return nil
        case .identifier(let name) where !ExpressionParser.reserved.contains(name.uppercased()): return try identifier("an alias")
        case .quotedIdentifier: return try identifier("an alias")
        default: return nil
        }
    }

    private mutating func identifier(_ what: String) throws(ExpressionSyntaxError) -> String {
        switch parser.current.kind {
        case .identifier(let name) where !ExpressionParser.reserved.contains(name.uppercased()):
            parser.advance()
            return name
        case .quotedIdentifier(let name):
            parser.advance()
            return name
        default:
            throw ExpressionSyntaxError("expected \(what), found \(parser.describe(parser.current))", at: parser.current.offset)
        }
    }
}

import Foundation
