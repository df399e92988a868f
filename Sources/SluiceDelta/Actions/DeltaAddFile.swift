import SluiceSpec

/// The `add` action: a data file that is part of the table from this version on.
public struct DeltaAddFile: Sendable, Equatable {
    /// Relative to the table root, URL-encoded as the protocol requires.
    public var path: String
    public var partitionValues: [String: String?]
    public var size: Int64
    public var modificationTime: Int64
    public var dataChange: Bool
    /// Per-file statistics as JSON text (`numRecords`, `minValues`, `maxValues`, `nullCount`).
    public var stats: String?
    /// Present when rows of the file are deleted through a deletion vector.
    public var hasDeletionVector: Bool

    public init(path: String, partitionValues: [String: String?], size: Int64, modificationTime: Int64,
                dataChange: Bool = true, stats: String? = nil) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.modificationTime = modificationTime
        self.dataChange = dataChange
        self.stats = stats
        hasDeletionVector = false
    }

    init(_ json: DeltaJSON) throws(SluiceError) {
        path = try json.string("path")
        partitionValues = json.stringMap("partitionValues")
        size = json.optionalInt("size") ?? 0
        modificationTime = json.optionalInt("modificationTime") ?? 0
        dataChange = json.bool("dataChange") ?? true
        stats = json.optionalString("stats")
        hasDeletionVector = json.member("deletionVector") != nil
    }

    var json: String {
        var writer = DeltaJSONWriter()
        writer.string("path", path)
        writer.stringMap("partitionValues", partitionValues)
        writer.int("size", size)
        writer.int("modificationTime", modificationTime)
        writer.bool("dataChange", dataChange)
        if let stats { writer.string("stats", stats) }
        return writer.text
    }
}

/// The `remove` action: a data file that leaves the table (a tombstone until vacuumed).
public struct DeltaRemoveFile: Sendable, Equatable {
    public var path: String
    public var deletionTimestamp: Int64?
    public var dataChange: Bool
    public var partitionValues: [String: String?]
    public var size: Int64?

    public init(path: String, deletionTimestamp: Int64, dataChange: Bool = true, partitionValues: [String: String?], size: Int64?) {
        self.path = path
        self.deletionTimestamp = deletionTimestamp
        self.dataChange = dataChange
        self.partitionValues = partitionValues
        self.size = size
    }

    init(_ json: DeltaJSON) throws(SluiceError) {
        path = try json.string("path")
        deletionTimestamp = json.optionalInt("deletionTimestamp")
        dataChange = json.bool("dataChange") ?? true
        partitionValues = json.stringMap("partitionValues")
        size = json.optionalInt("size")
    }

    var json: String {
        var writer = DeltaJSONWriter()
        writer.string("path", path)
        if let deletionTimestamp { writer.int("deletionTimestamp", deletionTimestamp) }
        writer.bool("dataChange", dataChange)
        writer.bool("extendedFileMetadata", true)
        writer.stringMap("partitionValues", partitionValues)
        if let size { writer.int("size", size) }
        return writer.text
    }
}
