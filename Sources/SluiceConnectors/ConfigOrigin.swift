import SluiceSpec

/// Where a connector's setting was written, so run-time errors (missing input, existing
/// output) can point at the pipeline file rather than only at the data.
public struct ConfigOrigin: Sendable, Hashable {
    public var location: SourceLocation?
    public var jsonPath: String?

    public init(location: SourceLocation?, jsonPath: String?) {
        self.location = location
        self.jsonPath = jsonPath
    }
}
