/// A transformation whose shape depends on the input's schema, known only when the plan runs
/// (a method that conforms a dataset to an Avro schema, or describes its schema): `apply`
/// receives the input stream and returns the output stream.
///
/// It reads every input column: column pruning stops at this node.
public struct StreamTransformNode: Sendable {
    public var input: LogicalPlan
    /// One line for `explain` (`Evolve to Avro schema com.acme.Order`).
    public var label: String
    public var apply: @Sendable (RecordBatchStream) throws -> RecordBatchStream
    public var origin: PlanOrigin
    /// The output files a later write makes of these rows (`repartition`, `coalesce`).
    public var outputFiles: OutputFiles?

    public init(input: LogicalPlan, label: String, origin: PlanOrigin, outputFiles: OutputFiles? = nil,
                apply: @escaping @Sendable (RecordBatchStream) throws -> RecordBatchStream) {
        self.input = input
        self.label = label
        self.apply = apply
        self.origin = origin
        self.outputFiles = outputFiles
    }
}
