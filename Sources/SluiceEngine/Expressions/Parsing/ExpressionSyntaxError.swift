import SluiceSpec

/// A syntax error in an expression, at a character offset; `sluiceError(in:)` renders it
/// with the expression and a caret under the fault.
public struct ExpressionSyntaxError: Error, Sendable, Hashable {
    public var message: String
    /// Character offset of the fault in the expression.
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The error as a `SluiceError` whose message shows the expression and a caret.
    public func sluiceError(in expression: String, location: SourceLocation? = nil, jsonPath: String? = nil) -> SluiceError {
        let caret = String(repeating: " ", count: offset) + "^"
        return SluiceError(.invalidValue, "invalid expression: \(message)\n    \(expression)\n    \(caret)",
                           location: location, jsonPath: jsonPath,
                           hint: "expressions use Spark SQL syntax, e.g. status = 'completed' AND amount > 50")
    }
}
