/// One step of a pipeline: a method of a given type with its configuration.
public struct StepSpec: Sendable, Hashable {
    /// The step's position in the file, from 0.
    public var index: Int
    public var type: StepType
    /// The method name as written (`fromFile`, `filterRows`, ...).
    public var method: String
    /// The `config` object with `registerAs` and `inputDataFrames` removed; always an object.
    public var config: JSONNode
    /// The name under which the step's output is registered, if any.
    public var registerAs: String?
    /// The datasets the step reads; empty means "the previous step's output".
    public var inputDataFrames: [String]
    /// Where the step's object starts.
    public var location: SourceLocation
    /// The JSON path of the step (`$.steps[2]`).
    public var path: JSONPath

    public init(
        index: Int,
        type: StepType,
        method: String,
        config: JSONNode,
        registerAs: String? = nil,
        inputDataFrames: [String] = [],
        location: SourceLocation,
        path: JSONPath
    ) {
        self.index = index
        self.type = type
        self.method = method
        self.config = config
        self.registerAs = registerAs
        self.inputDataFrames = inputDataFrames
        self.location = location
        self.path = path
    }

    /// A short name for logs and plans: `registerAs` if set, else `step N (method)`.
    public var displayName: String { registerAs ?? "step \(index + 1) (\(method))" }
}

/// The role of a step: where data comes from, what happens to it, what is checked, where it goes.
public enum StepType: String, Sendable, Hashable, CaseIterable {
    case extract
    case transform
    case validate
    case load
}
