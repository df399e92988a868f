/// A number with a fixed count of decimals (`1.25`), rounded half away from zero, written
/// without `String(format:)`, whose first use sets up Foundation's formatting machinery.
extension Double {
    func fixedDecimals(_ places: Int) -> String {
        guard isFinite else { return String(self) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(self) * scale).rounded())
        let divisor = Int64(scale)
        let whole = String(scaled / divisor)
        let sign = self < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + whole }
        let fraction = String(scaled % divisor)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
