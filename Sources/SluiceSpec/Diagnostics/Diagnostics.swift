/// Collects errors during a pass that must report all of them (decoding, validation).
public struct Diagnostics: Sendable {
    /// The errors so far, in order.
    public private(set) var errors: [SluiceError] = []

    public init() {}

    /// Whether anything was reported.
    public var isEmpty: Bool { errors.isEmpty }

    /// Records an error and carries on.
    public mutating func report(_ error: SluiceError) {
        errors.append(error)
    }

    /// Records every error carried by `error` (see `SluiceErrors.flatten`).
    public mutating func report(any error: any Error) {
        errors.append(contentsOf: SluiceErrors.flatten(error))
    }

    /// Throws the collected errors, if any.
    public func throwIfAny() throws {
        if !errors.isEmpty { throw SluiceErrors(errors) }
    }
}
