@testable import SluiceEngine
import Testing

/// Group ids come in order of first appearance whatever path assigns them: the direct table
/// for small codes (rebuilt as codes grow between calls), the packed interner beyond it, or
/// the hashed table for three keys; with the codes' bounds given (as the grouping encoders
/// give them: above every code handed out so far) or found from the codes.
@Suite struct GroupTableTests {
    func check(width: Int, withBounds: Bool, batches: [(rows: Int, ranges: [Int32])]) {
        var table = GroupTable(width: width)
        var bounds = [Int](repeating: 0, count: width)
        var reference: [[Int32]: Int32] = [:]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for batch in batches {
            let codes: [[Int32]] = batch.ranges.map { range in
                (0..<batch.rows).map { _ in
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    return Int32(truncatingIfNeeded: state % UInt64(range))
                }
            }
            for column in 0..<width { bounds[column] = max(bounds[column], Int(batch.ranges[column])) }
            let groups = table.groups(rows: batch.rows, codes: codes, bounds: withBounds ? bounds : nil)
            for row in 0..<batch.rows {
                let key = codes.map { $0[row] }
                let expected = reference[key] ?? Int32(reference.count)
                reference[key] = expected
                #expect(groups[row] == expected)
                if groups[row] != expected { return }
            }
            #expect(table.count == reference.count)
        }
    }

    @Test(arguments: [false, true])
    func smallCodesGrowingAcrossCallsKeepTheirGroups(withBounds: Bool) {
        check(width: 1, withBounds: withBounds, batches: [(500, [5]), (500, [40]), (800, [3]), (2_000, [70_000]), (500, [10])])
        check(width: 2, withBounds: withBounds,
              batches: [(500, [3, 4]), (500, [20, 4]), (500, [20, 9]), (1_000, [300, 300]), (500, [2, 2])])
        check(width: 3, withBounds: withBounds, batches: [(1_000, [4, 5, 6]), (1_000, [9, 2, 40])])
    }
}

extension GroupTableTests {
    /// Grouping through dictionaries (each row's dictionary code, each entry's key code) gives
    /// the groups of the key codes written out, over batches whose dictionaries grow: through
    /// the table of entry pairs, through the direct table alone once the pairs outnumber its
    /// limit (300 × 300 entries over 200 × 200 key codes), and past the direct table's size
    /// (where the codes are written out after all).
    @Test(arguments: [1, 2])
    func dictionaryCodesGroupAsTheirKeyCodes(width: Int) {
        var throughDictionaries = GroupTable(width: width)
        var writtenOut = GroupTable(width: width)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int32 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int32(truncatingIfNeeded: state % UInt64(bound))
        }
        var bounds = [Int](repeating: 1, count: width)
        // (rows, dictionary entries, key codes the entries map to) per batch.
        for (rows, entries, keyCodes) in [(700, 6, 9), (900, 30, 40), (500, 4, 12), (1_000, 300, 200), (1_200, 600, 700)] {
            let mappings = (0..<width).map { _ in (0..<entries).map { _ in next(keyCodes - 1) + 1 } }
            let codes = (0..<width).map { _ in (0..<rows).map { _ in next(entries) } }
            for column in 0..<width { bounds[column] = max(bounds[column], keyCodes) }
            let groups = throughDictionaries.groups(rows: rows, dictionaryCodes: codes, mappings: mappings, bounds: bounds)
            let keys = (0..<width).map { column in codes[column].map { mappings[column][Int($0)] } }
            #expect(groups == writtenOut.groups(rows: rows, codes: keys, bounds: bounds))
        }
        #expect(throughDictionaries.count == writtenOut.count)
    }
}
