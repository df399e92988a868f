import Foundation
import SluiceSpec

/// The `metaData` action: the table's id, schema, partition columns and configuration.
public struct DeltaMetadata: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var description: String?
    public var schemaString: String
    public var partitionColumns: [String]
    public var configuration: [String: String?]
    public var createdTime: Int64?

    public init(id: String = UUID().uuidString.lowercased(), schemaString: String, partitionColumns: [String],
                configuration: [String: String?] = [:], createdTime: Int64? = nil) {
        self.id = id
        self.schemaString = schemaString
        self.partitionColumns = partitionColumns
        self.configuration = configuration
        self.createdTime = createdTime
    }

    init(_ json: DeltaJSON) throws(SluiceError) {
        id = try json.string("id")
        name = json.optionalString("name")
        description = json.optionalString("description")
        schemaString = try json.string("schemaString")
        partitionColumns = json.strings("partitionColumns")
        configuration = json.stringMap("configuration")
        createdTime = json.optionalInt("createdTime")
        if let provider = json.member("format")?.optionalString("provider"), provider != "parquet" {
            throw json.corrupt("the table's files are '\(provider)', not parquet")
        }
    }

    var json: String {
        var writer = DeltaJSONWriter()
        writer.string("id", id)
        if let name { writer.string("name", name) }
        if let description { writer.string("description", description) }
        writer.raw("format", "{\"provider\":\"parquet\",\"options\":{}}")
        writer.string("schemaString", schemaString)
        writer.strings("partitionColumns", partitionColumns)
        writer.stringMap("configuration", configuration)
        if let createdTime { writer.int("createdTime", createdTime) }
        return writer.text
    }
}
