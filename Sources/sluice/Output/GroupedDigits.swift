/// Whole numbers with thousands separators (`5,000,000`), written without a locale-aware
/// formatter: loading one costs a run's start about a millisecond and a half.
extension BinaryInteger {
    var groupedDigits: String {
        let digits = String(self.magnitude)
        var grouped = self < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }
}
