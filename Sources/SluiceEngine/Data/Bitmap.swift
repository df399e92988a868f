/// A packed bit per row: the validity of a column (`true` = a value is present).
public struct Bitmap: Sendable, Hashable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    /// `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let wordCount = (count + 63) / 64
        words = [UInt64](repeating: value ? ~0 : 0, count: wordCount)
        if value, count % 64 != 0, wordCount > 0 {
            words[wordCount - 1] = (UInt64(1) << UInt64(count % 64)) - 1
        }
    }

    /// An empty bitmap with room for `capacity` bits.
    public init(capacity: Int = 0) {
        words = []
        words.reserveCapacity((capacity + 63) / 64)
        count = 0
    }

    public subscript(index: Int) -> Bool {
        get { words[index >> 6] & (UInt64(1) << UInt64(index & 63)) != 0 }
        set {
            if newValue {
                words[index >> 6] |= UInt64(1) << UInt64(index & 63)
            } else {
                words[index >> 6] &= ~(UInt64(1) << UInt64(index & 63))
            }
        }
    }

    /// Adds one bit at the end.
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= UInt64(1) << UInt64(count & 63) }
        count += 1
    }

    /// Replaces word `index` (64 bits) at once, for kernels that combine bitmaps.
    public mutating func setWord(_ index: Int, _ word: UInt64) {
        words[index] = word
    }

    /// How many bits are set.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
