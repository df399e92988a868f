import SluiceSpec

/// Splits an expression into tokens: identifiers (`name`, `` `odd name` ``), numbers,
/// strings (`'it''s'`, `"x"`, with backslash escapes as Spark accepts), and operators.
struct ExpressionLexer {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    static func tokenize(_ text: String) throws(ExpressionSyntaxError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(text)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let start = index
        guard index < characters.count else { return ExpressionToken(kind: .end, offset: start) }
        let character = characters[index]
        if character.isLetter || character == "_" {
            while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                index += 1
            }
            return ExpressionToken(kind: .identifier(String(characters[start..<index])), offset: start)
        }
        if character.isNumber || (character == "." && index + 1 < characters.count && characters[index + 1].isNumber) {
            return try number(from: start)
        }
        switch character {
        case "`":
            index += 1
            var name = ""
            while true {
                guard index < characters.count else { throw ExpressionSyntaxError("unterminated backquoted name", at: start) }
                if characters[index] == "`" {
                    if index + 1 < characters.count, characters[index + 1] == "`" { name.append("`"); index += 2; continue }
                    index += 1
                    return ExpressionToken(kind: .quotedIdentifier(name), offset: start)
                }
                name.append(characters[index])
                index += 1
            }
        case "'", "\"":
            return ExpressionToken(kind: .string(try string(quote: character, from: start)), offset: start)
        default:
            for symbol in ["<=>", "<=", ">=", "<>", "!=", "==", "||", "&&"] where matches(symbol) {
                index += symbol.count
                return ExpressionToken(kind: .symbol(symbol), offset: start)
            }
            guard "+-*/%=<>(),.![]".contains(character) else {
                throw ExpressionSyntaxError("unexpected character '\(character)'", at: start)
            }
            index += 1
            return ExpressionToken(kind: .symbol(String(character)), offset: start)
        }
    }

    private func matches(_ symbol: String) -> Bool {
        let symbolCharacters = Array(symbol)
        guard index + symbolCharacters.count <= characters.count else { return false }
        return Array(characters[index..<index + symbolCharacters.count]) == symbolCharacters
    }

    private mutating func number(from start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
        var isDecimal = false
        while index < characters.count, characters[index].isNumber { index += 1 }
        if index < characters.count, characters[index] == "." {
            isDecimal = true
            index += 1
            while index < characters.count, characters[index].isNumber { index += 1 }
        }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            isDecimal = true
            index += 1
            if index < characters.count, characters[index] == "+" || characters[index] == "-" { index += 1 }
            guard index < characters.count, characters[index].isNumber else {
                throw ExpressionSyntaxError("expected digits in the exponent", at: index)
            }
            while index < characters.count, characters[index].isNumber { index += 1 }
        }
        // Spark's numeric suffixes: L (bigint), D (double).
        if index < characters.count, "LlDd".contains(characters[index]) {
            let suffix = characters[index].uppercased()
            let text = String(characters[start..<index])
            index += 1
            return ExpressionToken(kind: suffix == "L" ? .integer(text + "L") : .decimal(text), offset: start)
        }
        if index < characters.count, characters[index].isLetter {
            throw ExpressionSyntaxError("unexpected '\(characters[index])' after a number", at: index)
        }
        let text = String(characters[start..<index])
        return ExpressionToken(kind: isDecimal ? .decimal(text) : .integer(text), offset: start)
    }

    private mutating func string(quote: Character, from start: Int) throws(ExpressionSyntaxError) -> String {
        index += 1
        var text = ""
        while true {
            guard index < characters.count else { throw ExpressionSyntaxError("unterminated string", at: start) }
            let character = characters[index]
            if character == quote {
                if index + 1 < characters.count, characters[index + 1] == quote { text.append(quote); index += 2; continue }
                index += 1
                return text
            }
            if character == "\\", index + 1 < characters.count {
                let escaped = characters[index + 1]
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                default: text.append(escaped)
                }
                index += 2
                continue
            }
            text.append(character)
            index += 1
        }
    }
}
