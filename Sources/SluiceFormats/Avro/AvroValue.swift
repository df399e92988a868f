/// One Avro datum, shaped by the schema it was read or will be written with.
///
/// Records hold their field values in the schema's field order; enums hold their symbol;
/// unions hold the position of their branch and the branch's value.
public enum AvroValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case int(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    case bytes([UInt8])
    case string(String)
    /// Field values in the record schema's field order.
    case record([AvroValue])
    /// A symbol of the enum schema.
    case enumeration(String)
    case array([AvroValue])
    case map([String: AvroValue])
    /// The position of the branch in the union schema, and the branch's value.
    indirect case union(branch: Int, AvroValue)
    case fixed([UInt8])
}
