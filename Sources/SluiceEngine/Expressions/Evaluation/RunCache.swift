/// Compiles a text argument that kernels take per row — a regular expression, a datetime
/// pattern, a unit name — once for each run of equal values, so that an argument given as a
/// literal (the same in every row) is compiled once per batch. A value that does not compile
/// is remembered as nil.
struct RunCache<Compiled> {
    private var key: [UInt8]?
    private var compiled: Compiled?
    private let compile: (String) -> Compiled?

    init(_ compile: @escaping (String) -> Compiled?) {
        self.compile = compile
    }

    /// What `text` compiles to (nil when it does not).
    mutating func callAsFunction(_ text: UnsafeBufferPointer<UInt8>) -> Compiled? {
        if let key, key.elementsEqual(text) { return compiled }
        key = Array(text)
        compiled = compile(String(decoding: text, as: UTF8.self))
        return compiled
    }
}
