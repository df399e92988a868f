import Foundation
import SluiceRuntime

/// The human-readable end-of-run summary and the `sluice runs` table.
enum RunSummary {
    /// `Run <id> of '<pipeline>' succeeded in 1.2s`, then rows in/out and time per step.
    static func text(_ report: RunReport) -> String {
        let seconds = report.endedAt.timeIntervalSince(report.startedAt)
        var lines = ["Run \(report.runId) of '\(report.pipeline)' \(report.outcome.rawValue) in "
                     + seconds.fixedDecimals(2) + "s"
                     + (report.attempts > 1 ? " after \(report.attempts) attempts" : "")]
        let rows = report.steps.map { step in
            [String(step.index + 1), step.name, step.method, step.rowsIn.groupedDigits, step.rowsOut.groupedDigits,
             step.durationMs.fixedDecimals(0) + " ms"]
        }
        lines.append(table(header: ["#", "step", "method", "rows in", "rows out", "time"], rows: rows,
                           rightAligned: [0, 3, 4, 5]))
        lines.append("rows read \(report.rowsRead.groupedDigits), rows written \(report.rowsWritten.groupedDigits)")
        return lines.joined(separator: "\n")
    }

    static func table(_ runs: [RunRecord]) -> String {
        if runs.isEmpty { return "no runs recorded" }
        let rows = runs.map { run in
            [run.runId, run.pipeline, run.status.rawValue, UTCText.seconds(run.startedAt),
             run.endedAt.map { $0.timeIntervalSince(run.startedAt).fixedDecimals(2) + "s" } ?? "",
             run.rowsRead.groupedDigits, run.rowsWritten.groupedDigits, run.error ?? ""]
        }
        return table(header: ["run", "pipeline", "status", "started (UTC)", "duration", "rows read", "rows written", "error"],
                     rows: rows, rightAligned: [4, 5, 6])
    }

    private static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.map { "  " + $0 }.joined(separator: "\n")
    }
}
