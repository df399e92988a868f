/// The wire types of Thrift's compact protocol, as the low nibble of a field header gives them.
enum ThriftType: UInt8 {
    case stop = 0
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
}

/// One field header of a struct: its id and wire type.
struct ThriftField {
    var id: Int16
    var type: ThriftType
}
