/// Text in lower case as Spark writes it (Java's `String.toLowerCase`): Swift's full Unicode
/// mapping, and also the one rule that looks at a letter's neighbours, Greek final sigma: a
/// capital `Σ` that ends a word becomes `ς`, not `σ` (`ΟΔΟΣ` → `οδος`).
enum JavaLowercase {
    static func lowercased(_ text: String) -> String {
        guard text.unicodeScalars.contains(capitalSigma) else { return text.lowercased() }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for index in scalars.indices {
            if scalars[index] == capitalSigma, endsWord(scalars, index) {
                out.append(finalSigma)
            } else {
                out.append(contentsOf: String(scalars[index]).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    private static let capitalSigma: Unicode.Scalar = "\u{03A3}"
    private static let finalSigma: Unicode.Scalar = "\u{03C2}"

    /// Unicode's Final_Sigma condition: a cased letter before (case-ignorable characters
    /// between are skipped), and none after.
    private static func endsWord(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        func casedNeighbour(_ indices: some Sequence<Int>) -> Bool {
            for other in indices {
                let properties = scalars[other].properties
                if properties.isCaseIgnorable { continue }
                return properties.isCased
            }
            return false
        }
        return casedNeighbour((0..<index).reversed()) && !casedNeighbour((index + 1)..<scalars.count)
    }
}
