@testable import sluice
import Testing

/// The run summary's numbers, written without `String(format:)`, read as printf's would.
@Suite struct FixedDecimalsTests {
    @Test func roundsToTheGivenPlaces() {
        #expect(1.234.fixedDecimals(2) == "1.23")
        #expect(1.235.fixedDecimals(1) == "1.2")
        #expect(0.005.fixedDecimals(2) == "0.01")
        #expect(12.0.fixedDecimals(2) == "12.00")
        #expect(0.0.fixedDecimals(2) == "0.00")
        #expect(999.6.fixedDecimals(0) == "1000")
        #expect(3.04.fixedDecimals(1) == "3.0")
        #expect((-1.5).fixedDecimals(1) == "-1.5")
        #expect((-0.001).fixedDecimals(2) == "0.00")
        #expect(Double.infinity.fixedDecimals(2) == "inf")
    }

    @Test func agreesWithPrintfAwayFromTies() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let value = Double.random(in: 0..<100_000, using: &generator)
            for places in 0...3 {
                let printf = String(format: "%.\(places)f", value)
                // printf rounds ties to even; a value a hair from a tie may round either way.
                var scale = 1.0
                for _ in 0..<places { scale *= 10 }
                let scaled = value * scale
                guard abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { continue }
                #expect(value.fixedDecimals(places) == printf, "\(value) to \(places) places")
            }
        }
    }
}
