import SluiceSpec

/// How to read data written with one schema (the writer's) as another (the reader's): the
/// result of schema resolution, made once per file and followed for every record.
public indirect enum AvroReadPlan: Sendable {
    /// Both schemas are this same schema (primitives, fixed, or a plan-free subtree).
    case same(AvroSchema)
    /// A writer's primitive promoted to the reader's (int→long, long→double, string→bytes, ...).
    case promote(from: AvroSchema, to: AvroSchema)
    case record(AvroResolvedRecord)
    /// Writer's symbol positions mapped to the reader's symbols (nil: no symbol and no default).
    case enumeration(writerSymbols: [String], readerSymbols: [String?])
    case array(AvroReadPlan)
    case map(AvroReadPlan)
    /// The writer wrote a union: one plan per writer branch, or the error that reading that branch raises.
    case writerUnion([Result<AvroReadPlan, SluiceError>])
    /// The writer wrote a non-union the reader reads as branch `branch` of its union.
    case readerUnion(branch: Int, AvroReadPlan)
}

/// The resolution of a writer's record against a reader's record. A reference type so that
/// recursive records resolve to a finite plan.
public final class AvroResolvedRecord: @unchecked Sendable {
    /// What to do with each writer field, in writer order.
    public enum Step: Sendable {
        /// Read the writer's field (of schema `writer`) into the reader's field at `readerIndex`.
        case read(readerIndex: Int, AvroReadPlan, writer: AvroSchema)
        /// Skip the writer's field, which the reader does not have.
        case skip(AvroSchema)
    }

    /// The reader's record.
    public let reader: AvroRecordSchema
    public internal(set) var steps: [Step] = []
    /// Reader fields missing from the writer, with their default values.
    public internal(set) var defaults: [(readerIndex: Int, value: AvroValue)] = []

    init(reader: AvroRecordSchema) {
        self.reader = reader
    }
}
