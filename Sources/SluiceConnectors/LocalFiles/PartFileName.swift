/// Names of the data files a directory sink writes: `part-00000.csv`, `part-00001.csv`, ...
public enum PartFileName {
    /// The name of part `number`.
    public static func make(_ number: Int, extension fileExtension: String, suffix: String = "") -> String {
        let digits = String(number)
        return "part-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + suffix + "." + fileExtension
    }

    /// The part number in `name`, if it is a part file name.
    public static func number(of name: String) -> Int? {
        guard name.hasPrefix("part-") else { return nil }
        return Int(name.dropFirst(5).prefix { $0.isNumber })
    }
}
