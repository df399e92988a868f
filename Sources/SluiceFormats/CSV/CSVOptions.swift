import SluiceEngine

/// How CSV is read and written. Defaults follow RFC 4180 and Spark where they agree;
/// where they differ (header, escape), the default is what most CSV files in the wild use.
public struct CSVOptions: Sendable, Hashable {
    /// The first record holds the column names (default true).
    public var header = true
    public var delimiter = UInt8(ascii: ",")
    public var quote = UInt8(ascii: "\"")
    /// Escapes a quote inside a quoted field; the quote itself (default) means doubled quotes.
    public var escape = UInt8(ascii: "\"")
    /// The text that stands for null (default empty). A quoted field is never null.
    public var nullValue = ""
    /// Infer column types from the data (default true); false reads every column as a string.
    public var inferSchema = true
    /// The column names and types; wins over the header's names and over inference.
    public var schema: Schema?
    public var parseMode = ParseMode.failFast
    /// Inference on inputs larger than twice this many bytes looks at a sample of about this
    /// size (the start, and slices without quotes spread over the rest; see `CSVInferenceSample`) instead
    /// of every value; nil looks at every value. A sampled schema is speculative: reading
    /// checks every value against it and fails with `sampledSchemaMismatch` when one does
    /// not fit, so the caller can infer again over the whole input and start over.
    public var inferenceSampleBytes: Int? = 4 << 20
    /// The schema being read with may have been inferred from a sample: set by the reader.
    var speculative = false
    /// About how many bytes each chunk parsed in parallel holds.
    var chunkBytes = 16 << 20

    public init() {}
}
