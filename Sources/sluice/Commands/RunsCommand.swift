import ArgumentParser
import Foundation
import SluiceRuntime
import SluiceSpec

/// `sluice runs [PIPELINE]`: the run history.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recent runs, newest first, of one pipeline or of all."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A pipeline name (its \"name\"), to list only its runs.")
    var pipeline: String?

    @Option(help: "How many runs to list.")
    var limit: Int = 20

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var state: StateOptions

    func run() async throws {
        let store = try await state.openStore()
        let runs = try await store.runs(pipeline: pipeline, limit: limit)
        await store.close()
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys]
            Terminal.shared.writeOutput(String(decoding: try encoder.encode(runs), as: UTF8.self) + "\n")
        case .text:
            Terminal.shared.writeOutput(RunSummary.table(runs) + "\n")
        }
    }
}
