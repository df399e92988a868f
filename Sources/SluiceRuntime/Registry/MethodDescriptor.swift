import SluiceEngine
import SluiceSpec

/// Everything Sluice knows about one step method: its name, type, config keys, docs, and the
/// function that turns a configured step into plan nodes.
///
/// Adding a method means writing one file that defines its descriptor and adding it to
/// `MethodRegistry.standard`.
public struct MethodDescriptor: Sendable {
    /// How many datasets a method reads.
    public enum Inputs: String, Sendable, Hashable {
        /// Reads none (extract methods).
        case none
        /// Reads one: the previous step's output, or the one named in `inputDataFrames`.
        case one
        /// Reads one or more named in `inputDataFrames` (joins, unions).
        case many
    }

    public var name: String
    public var type: StepType
    public var inputs: Inputs
    /// One line, shown by `sluice methods` and in the docs' index.
    public var summary: String
    /// Paragraphs for the method's reference page (Markdown).
    public var details: String
    public var keys: [ConfigKey]
    /// A complete step using the method, as JSON, for the docs.
    public var example: String
    /// Keys that must never be written in this method's config (credentials), each with the
    /// hint that says where the setting belongs instead.
    public var misplacedKeys: [String: String] = [:]
    /// Builds the step's plan from its validated configuration.
    public var build: @Sendable (MethodContext) throws -> StepPlan

    public init(name: String, type: StepType, inputs: Inputs, summary: String, details: String,
                keys: [ConfigKey], example: String, build: @escaping @Sendable (MethodContext) throws -> StepPlan) {
        self.name = name
        self.type = type
        self.inputs = inputs
        self.summary = summary
        self.details = details
        self.keys = keys
        self.example = example
        self.build = build
    }

    /// The key named `name`, if the method has it.
    public func key(_ name: String) -> ConfigKey? {
        keys.first { $0.name == name }
    }
}

/// What a step contributes to the plan.
public struct StepPlan: Sendable {
    /// The dataset later steps read from this one (a load passes its input through).
    public var output: LogicalPlan
    /// The work the step must run (a load's write), if any.
    public var action: LogicalPlan?
    /// Datasets the step read by name on its own (`sql`), for the pipeline's data flow.
    public var reads: [String]

    public init(output: LogicalPlan, action: LogicalPlan? = nil, reads: [String] = []) {
        self.output = output
        self.action = action
        self.reads = reads
    }
}
