import SluiceSpec

/// Parses Spark SQL expressions as pipeline files write them (`status = 'completed' AND
/// amount > 50`, `CASE WHEN ... END`, `CAST(x AS INT)`, `upper(name)`).
///
/// Precedence, loosest first: OR; AND; NOT; comparisons, IS [NOT] NULL, [NOT] IN,
/// [NOT] BETWEEN, [NOT] LIKE / RLIKE; + - ||; * / %; unary minus.
public struct ExpressionParser {
    let tokens: [ExpressionToken]
    var position = 0

    static let reserved: Set<String> = ["AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "RLIKE", "CASE", "WHEN",
                                        "THEN", "ELSE", "END", "CAST", "AS", "TRUE", "FALSE", "DISTINCT",
                                        // SQL clauses end an expression inside a query.
                                        "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "JOIN",
                                        "ON", "USING", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "SEMI", "ANTI", "WITH", "OVER"]

    init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    /// Parses a whole expression.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokenize(text))
        guard parser.current.kind != .end else { throw ExpressionSyntaxError("the expression is empty", at: 0) }
        let expression = try parser.parseOr()
        guard parser.current.kind == .end else {
            throw ExpressionSyntaxError("unexpected \(parser.describe(parser.current)) after a complete expression", at: parser.current.offset)
        }
        return expression
    }

    /// Parses `text`, reporting a syntax error as a `SluiceError` with a caret, located at `location`.
    public static func parse(_ text: String, location: SourceLocation?, jsonPath: String?) throws(SluiceError) -> Expression {
        do {
            return try parse(text)
        } catch {
            throw error.sluiceError(in: text, location: location, jsonPath: jsonPath)
        }
    }

    // MARK: - Precedence levels

    /// Parses one expression from the current token, stopping before whatever cannot continue it.
    mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseAnd()
        while acceptKeyword("OR") { left = .binary(.or, left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseNot()
        while acceptKeyword("AND") || acceptSymbol("&&") { left = .binary(.and, left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> Expression {
        if acceptKeyword("NOT") || acceptSymbol("!") { return .unary(.not, try parseNot()) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        let left = try parseAdditive()
        if case .symbol(let symbol) = current.kind, let op = Self.comparisons[symbol] {
            advance()
            return .binary(op, left, try parseAdditive())
        }
        if acceptKeyword("IS") {
            let negated = acceptKeyword("NOT")
            try expectKeyword("NULL")
            return .isNull(left, negated: negated)
        }
        let negated = acceptKeyword("NOT")
        if acceptKeyword("IN") {
            try expectSymbol("(")
            var list = [try parseOr()]
            while acceptSymbol(",") { list.append(try parseOr()) }
            try expectSymbol(")")
            return .inList(left, list, negated: negated)
        }
        if acceptKeyword("BETWEEN") {
            let low = try parseAdditive()
            try expectKeyword("AND")
            return .between(left, low: low, high: try parseAdditive(), negated: negated)
        }
        if acceptKeyword("LIKE") { return .like(left, pattern: try parseAdditive(), negated: negated, regex: false) }
        if acceptKeyword("RLIKE") { return .like(left, pattern: try parseAdditive(), negated: negated, regex: true) }
        if negated { throw ExpressionSyntaxError("expected IN, BETWEEN, LIKE or RLIKE after NOT", at: current.offset) }
        return left
    }

    private static let comparisons: [String: BinaryOperator] = [
        "=": .equal, "==": .equal, "!=": .notEqual, "<>": .notEqual, "<": .less, "<=": .lessOrEqual,
        ">": .greater, ">=": .greaterOrEqual, "<=>": .nullSafeEqual,
    ]

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            if acceptSymbol("+") { left = .binary(.add, left, try parseMultiplicative()) }
            else if acceptSymbol("-") { left = .binary(.subtract, left, try parseMultiplicative()) }
            else if acceptSymbol("||") { left = .binary(.concat, left, try parseMultiplicative()) }
            else { return left }
        }
    }

    private mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> Expression {
        var left = try parseUnary()
        while true {
            if acceptSymbol("*") { left = .binary(.multiply, left, try parseUnary()) }
            else if acceptSymbol("/") { left = .binary(.divide, left, try parseUnary()) }
            else if acceptSymbol("%") { left = .binary(.modulo, left, try parseUnary()) }
            else { return left }
        }
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
        if acceptSymbol("-") {
            let operand = try parseUnary()
            switch operand {
            case .literal(.int32(let v)): return .literal(.int32(-v))
            case .literal(.int64(let v)): return .literal(v == Int64(Int32.max) + 1 ? .int32(Int32.min) : .int64(-v))
            case .literal(.float64(let v)): return .literal(.float64(-v))
            default: return .unary(.negate, operand)
            }
        }
        if acceptSymbol("+") { return try parseUnary() }
        var value = try parsePrimary()
        while acceptSymbol("[") {  // `items[0]`, `prices['eur']`
            let index = try parseOr()
            try expectSymbol("]")
            value = .function(name: Expression.subscriptFunction, arguments: [value, index], distinct: false)
        }
        return value
    }

    // MARK: - Primaries

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let text):
            advance()
            if text.hasSuffix("L") {
                guard let value = Int64(text.dropLast()) else { throw ExpressionSyntaxError("'\(text)' does not fit a BIGINT", at: token.offset) }
                return .literal(.int64(value))
            }
            if let value = Int32(text) { return .literal(.int32(value)) }
            if let value = Int64(text) { return .literal(.int64(value)) }
            return .literal(.float64(Double(text) ?? .nan))
        case .decimal(let text):
            advance()
            guard let value = Double(text) else { throw ExpressionSyntaxError("invalid number '\(text)'", at: token.offset) }
            return .literal(.float64(value))
        case .string(let text):
            advance()
            return .literal(.string(text))
        case .quotedIdentifier(let name):
            advance()
            return try parseColumnTail(name)
        case .symbol("("):
            advance()
            let inner = try parseOr()
            try expectSymbol(")")
            return inner
        case .symbol("*"):
            advance()
            return .star
        case .identifier(let name):
            return try parseWord(name, at: token.offset)
        case .end:
            throw ExpressionSyntaxError("the expression ends too early; expected a value", at: token.offset)
        case .symbol:
            throw ExpressionSyntaxError("unexpected \(describe(token)); expected a value", at: token.offset)
        }
    }

    private mutating func parseWord(_ name: String, at offset: Int) throws(ExpressionSyntaxError) -> Expression {
        let upper = name.uppercased()
        switch upper {
        case "NULL": advance(); return .literal(.null)
        case "TRUE": advance(); return .literal(.boolean(true))
        case "FALSE": advance(); return .literal(.boolean(false))
        case "CASE": advance(); return try parseCase()
        case "CAST": advance(); return try parseCast()
        case "DATE", "TIMESTAMP":
            if case .string(let text) = peek(1).kind {
                advance(); advance()
                if upper == "DATE", let days = SparkCastText.date(text) { return .literal(.date(days)) }
                if upper == "TIMESTAMP", let micros = SparkCastText.timestamp(text) { return .literal(.timestamp(micros)) }
                throw ExpressionSyntaxError("'\(text)' is not a valid \(upper)", at: offset)
            }
        default: break
        }
        if Self.reserved.contains(upper) {
            throw ExpressionSyntaxError("unexpected keyword \(upper); expected a value", at: offset)
        }
        advance()
        if acceptSymbol("(") { return try parseCall(name) }
        return try parseColumnTail(name)
    }

    /// `name` or `qualifier.name`.
    private mutating func parseColumnTail(_ first: String) throws(ExpressionSyntaxError) -> Expression {
        guard acceptSymbol(".") else { return .column(name: first, qualifier: nil) }
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            advance()
            return .column(name: name, qualifier: first)
        default:
            throw ExpressionSyntaxError("expected a column name after '\(first).'", at: current.offset)
        }
    }

    private mutating func parseCall(_ name: String) throws(ExpressionSyntaxError) -> Expression {
        let distinct = acceptKeyword("DISTINCT")
        var arguments: [Expression] = []
        if !acceptSymbol(")") {
            arguments.append(try parseOr())
            while acceptSymbol(",") { arguments.append(try parseOr()) }
            try expectSymbol(")")
        }
        guard acceptKeyword("OVER") else { return .function(name: name.lowercased(), arguments: arguments, distinct: distinct) }
        try expectSymbol("(")
        var partitionBy: [Expression] = []
        var orderBy: [SortNode.Key] = []
        if acceptKeyword("PARTITION") {
            try expectKeyword("BY")
            repeat { partitionBy.append(try parseOr()) } while acceptSymbol(",")
        }
        if acceptKeyword("ORDER") {
            try expectKeyword("BY")
            repeat { orderBy.append(try parseSortKey()) } while acceptSymbol(",")
        }
        try expectSymbol(")")
        return .window(WindowCall(function: name.lowercased(), arguments: arguments, partitionBy: partitionBy, orderBy: orderBy))
    }

    private mutating func parseCase() throws(ExpressionSyntaxError) -> Expression {
        if current.keyword == "END" || current.keyword == "ELSE" {
            throw ExpressionSyntaxError("CASE needs at least one WHEN ... THEN", at: current.offset)
        }
        let operand = current.keyword == "WHEN" ? nil : try parseOr()
        var branches: [CaseBranch] = []
        while acceptKeyword("WHEN") {
            let condition = try parseOr()
            try expectKeyword("THEN")
            branches.append(CaseBranch(condition: condition, value: try parseOr()))
        }
        guard !branches.isEmpty else { throw ExpressionSyntaxError("CASE needs at least one WHEN ... THEN", at: current.offset) }
        let otherwise = acceptKeyword("ELSE") ? try parseOr() : nil
        try expectKeyword("END")
        return .caseWhen(operand: operand, branches: branches, otherwise: otherwise)
    }

    private mutating func parseCast() throws(ExpressionSyntaxError) -> Expression {
        try expectSymbol("(")
        let operand = try parseOr()
        try expectKeyword("AS")
        let typeToken = current
        guard case .identifier(let typeName) = typeToken.kind else {
            throw ExpressionSyntaxError("expected a type name after AS", at: typeToken.offset)
        }
        advance()
        var fullName = typeName
        if acceptSymbol("(") {  // varchar(20) (the length is not kept), decimal(10,2)
            var parameters: [String] = []
            while !acceptSymbol(")") {
                guard current.kind != .end else { throw ExpressionSyntaxError("expected ')' after the type's parameters", at: current.offset) }
                if case .integer(let digits) = current.kind { parameters.append(digits) }
                advance()
            }
            fullName += "(" + parameters.joined(separator: ",") + ")"
        }
        guard let type = DataType(sqlName: fullName) else {
            throw ExpressionSyntaxError("unknown type '\(typeName)' (types: \(DataType.acceptedSQLNames.joined(separator: ", ")))",
                                        at: typeToken.offset)
        }
        try expectSymbol(")")
        return .cast(operand, type)
    }

    /// `expression [ASC|DESC] [NULLS FIRST|LAST]`.
    mutating func parseSortKey(defaultAscending: Bool = true) throws(ExpressionSyntaxError) -> SortNode.Key {
        let expression = try parseOr()
        var ascending = defaultAscending
        if acceptKeyword("DESC") { ascending = false } else if acceptKeyword("ASC") { ascending = true }
        var nullsFirst: Bool?
        if acceptKeyword("NULLS") {
            if acceptKeyword("FIRST") { nullsFirst = true } else { try expectKeyword("LAST"); nullsFirst = false }
        }
        return SortNode.Key(expression: expression, ascending: ascending, nullsFirst: nullsFirst)
    }

    /// Parses a whole sort key (`amount DESC NULLS LAST`), reporting errors with a caret.
    public static func parseSortKey(_ text: String, defaultAscending: Bool, location: SourceLocation?,
                                    jsonPath: String?) throws(SluiceError) -> SortNode.Key {
        do throws(ExpressionSyntaxError) {
            var parser = ExpressionParser(tokens: try ExpressionLexer.tokenize(text))
            let key = try parser.parseSortKey(defaultAscending: defaultAscending)
            guard parser.current.kind == .end else {
                throw ExpressionSyntaxError("unexpected \(parser.describe(parser.current)) after the sort key", at: parser.current.offset)
            }
            return key
        } catch {
            throw error.sluiceError(in: text, location: location, jsonPath: jsonPath)
        }
    }

    // MARK: - Token helpers

    var current: ExpressionToken { tokens[position] }

    private func peek(_ distance: Int) -> ExpressionToken { tokens[min(position + distance, tokens.count - 1)] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    mutating func acceptKeyword(_ keyword: String) -> Bool {
        guard current.keyword == keyword else { return false }
        advance()
        return true
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expectKeyword(_ keyword: String) throws(ExpressionSyntaxError) {
        guard acceptKeyword(keyword) else {
            throw ExpressionSyntaxError("expected \(keyword), found \(describe(current))", at: current.offset)
        }
    }

    mutating func expectSymbol(_ symbol: String) throws(ExpressionSyntaxError) {
        guard acceptSymbol(symbol) else {
            throw ExpressionSyntaxError("expected '\(symbol)', found \(describe(current))", at: current.offset)
        }
    }

    func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .identifier(let name): return "'\(name)'"
        case .quotedIdentifier(let name): return "`\(name)`"
        case .integer(let text), .decimal(let text): return "the number \(text)"
        case .string(let text): return "the string '\(text)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the expression"
        }
    }
}
