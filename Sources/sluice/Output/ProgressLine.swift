import Foundation
import SluiceEngine
import SluiceRuntime

/// Draws `▸ writing 'orders' · 123,456 rows · 2.1s` on stderr while a run works, when stderr
/// is a terminal; does nothing otherwise.
final class ProgressLine: @unchecked Sendable {
    private let terminal: Terminal
    private let lock = NSLock()
    private var current: (name: String, step: Int, metrics: StepMetrics, since: Date)?
    private var ticker: Task<Void, Never>?

    init(terminal: Terminal) {
        self.terminal = terminal
        guard terminal.stderrIsTerminal else { return }
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                self?.draw()
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Follows the runner's events.
    func handle(_ event: RunEvent) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case .stepStarted(let name, let step, let metrics):
            current = (name, step, metrics, Date())
        case .retrying, .finished, .attemptStarted:
            current = nil
        }
    }

    /// Removes the line and stops drawing.
    func stop() async {
        ticker?.cancel()
        await ticker?.value
        terminal.setProgress(nil)
    }

    private func draw() {
        lock.lock()
        let state = current
        lock.unlock()
        guard let state else { return terminal.setProgress(nil) }
        // Rows reach the sink through its input, which the scan meters.
        let rows = (0...state.step).map { state.metrics.entry(step: $0).rowsOut }.max() ?? 0
        let seconds = Date().timeIntervalSince(state.since)
        terminal.setProgress("▸ writing '\(state.name)' · \(rows.groupedDigits) rows · \(seconds.fixedDecimals(1))s")
    }
}
