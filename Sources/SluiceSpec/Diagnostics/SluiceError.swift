/// The one error type Sluice reports: a code, a message written for a data engineer,
/// where the problem is, and what to do about it.
///
/// Codes are open-ended (`Code` wraps a string), so adding a code never breaks callers.
/// Every code belongs to a `Kind` that decides the exit status and whether a retry can help.
public struct SluiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable identifier (`unknown-method`, `missing-key`, ...).
    public var code: Code
    /// One sentence on what is wrong.
    public var message: String
    /// Where in a pipeline or data file, when known.
    public var location: SourceLocation?
    /// The JSON path of the offending value in the pipeline (`$.steps[2].config.path`), when known.
    public var jsonPath: String?
    /// What to do, or what was meant (`did you mean 'filterRows'?`).
    public var hint: String?

    public init(
        _ code: Code,
        _ message: String,
        location: SourceLocation? = nil,
        jsonPath: String? = nil,
        hint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.jsonPath = jsonPath
        self.hint = hint
    }

    /// Whether retrying the same run may succeed (connection refused or reset, time-outs).
    public var isTransient: Bool { code.kind == .transient }

    /// `file:line:col: error: message [code] (at $.path)` then an indented hint line.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        // A message may carry detail lines (an expression and a caret); the code and path stay on the first.
        let lines = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        text += "error: \(lines[0]) [\(code.rawValue)]"
        if let jsonPath { text += " (at \(jsonPath))" }
        if lines.count > 1 { text += "\n" + lines[1] }
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension SluiceError {
    /// The class of an error: it decides the exit status and the retry policy.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The pipeline file, a command-line argument or a variable is wrong: exit status 2.
        case invalidInput
        /// The data or the environment made the run fail: exit status 1, no retry.
        case failure
        /// A temporary condition (connection refused or reset, time-out): exit status 1 after retries.
        case transient
    }

    /// A stable identifier for an error, with the kind it belongs to.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public let kind: Kind

        public init(_ rawValue: String, kind: Kind) {
            self.rawValue = rawValue
            self.kind = kind
        }

        public var description: String { rawValue }

        // Pipeline files and arguments.
        public static let invalidJSON = Code("invalid-json", kind: .invalidInput)
        public static let wrongType = Code("wrong-type", kind: .invalidInput)
        public static let invalidValue = Code("invalid-value", kind: .invalidInput)
        public static let missingKey = Code("missing-key", kind: .invalidInput)
        public static let unknownKey = Code("unknown-key", kind: .invalidInput)
        public static let unknownMethod = Code("unknown-method", kind: .invalidInput)
        public static let unknownDataset = Code("unknown-dataset", kind: .invalidInput)
        public static let unknownColumn = Code("unknown-column", kind: .invalidInput)
        public static let unknownFunction = Code("unknown-function", kind: .invalidInput)
        public static let typeMismatch = Code("type-mismatch", kind: .invalidInput)
        public static let includeNotFound = Code("include-not-found", kind: .invalidInput)
        public static let includeCycle = Code("include-cycle", kind: .invalidInput)
        public static let unknownVariable = Code("unknown-variable", kind: .invalidInput)
        public static let pipelineNotFound = Code("pipeline-not-found", kind: .invalidInput)
        public static let invalidArgument = Code("invalid-argument", kind: .invalidInput)
        public static let unsupported = Code("unsupported", kind: .invalidInput)

        // Running.
        public static let inputNotFound = Code("input-not-found", kind: .failure)
        public static let outputExists = Code("output-exists", kind: .failure)
        public static let malformedData = Code("malformed-data", kind: .failure)
        public static let schemaMismatch = Code("schema-mismatch", kind: .failure)
        /// A value does not fit the type inferred from a sample of its file; inferring over the
        /// whole file and running again resolves it (the runner does so by itself).
        public static let sampledSchemaMismatch = Code("sampled-schema-mismatch", kind: .failure)
        public static let io = Code("io-error", kind: .failure)
        public static let stateStore = Code("state-store", kind: .failure)
        public static let internalError = Code("internal-error", kind: .failure)

        // Worth a retry.
        public static let connectionRefused = Code("connection-refused", kind: .transient)
        public static let connectionReset = Code("connection-reset", kind: .transient)
        public static let timeout = Code("timeout", kind: .transient)
    }
}

/// Several errors found in one pass (validation reports every problem, not the first).
public struct SluiceErrors: Error, Sendable, CustomStringConvertible {
    /// The errors in the order they were found; never empty.
    public var errors: [SluiceError]

    public init(_ errors: [SluiceError]) {
        precondition(!errors.isEmpty, "SluiceErrors needs at least one error")
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }

    /// The errors carried by any thrown error: a `SluiceErrors`, a single `SluiceError`,
    /// or anything else as an `internal-error`.
    public static func flatten(_ error: any Error) -> [SluiceError] {
        switch error {
        case let many as SluiceErrors: return many.errors
        case let one as SluiceError: return [one]
        default: return [SluiceError(.internalError, String(describing: error))]
        }
    }
}
