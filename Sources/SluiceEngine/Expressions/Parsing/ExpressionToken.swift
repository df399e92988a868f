/// One token of an expression, with its position (in characters) for error carets.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        /// A backquoted identifier: never a keyword.
        case quotedIdentifier(String)
        case integer(String)
        case decimal(String)
        case string(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    /// Character offset of the token's first character.
    var offset: Int

    /// The keyword this token spells (upper-cased), if it is a bare identifier.
    var keyword: String? {
        if case .identifier(let name) = kind { return name.uppercased() }
        return nil
    }
}
