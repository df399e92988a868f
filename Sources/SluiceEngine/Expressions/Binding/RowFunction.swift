import Foundation

/// A function evaluated one row at a time over already-evaluated argument values.
/// `nullPropagating` functions return null when any argument is null without being called.
public struct RowFunction: Sendable {
    public let name: String
    public let nullPropagating: Bool
    let body: @Sendable ([ScalarValue]) -> ScalarValue
    /// The same function over whole argument columns, when it has one: the evaluator then
    /// calls it once per batch instead of `body` once per row. Nil from the kernel (arguments
    /// it does not cover) falls back to `body`.
    var kernel: (@Sendable ([Column]) -> Column?)?

    init(_ name: String, nullPropagating: Bool = true, _ body: @escaping @Sendable ([ScalarValue]) -> ScalarValue) {
        self.name = name
        self.nullPropagating = nullPropagating
        self.body = body
    }

    /// The function's value for one row.
    func call(_ arguments: [ScalarValue]) -> ScalarValue {
        if nullPropagating, arguments.contains(.null) { return .null }
        return body(arguments)
    }
}
