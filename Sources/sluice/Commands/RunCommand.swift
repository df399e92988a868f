import ArgumentParser
import Foundation
import Logging
import SluiceRuntime
import SluiceSpec

/// `sluice run FILE`: runs a pipeline and prints its summary.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline file.",
        discussion: """
            Logs one JSON object per line to stderr (with a progress line when stderr is a terminal) and prints \
            a summary of rows and time per step to stdout. Runs that fail with a transient error (connection \
            refused or reset, time-out) are retried as the file's "retry" says. Every run is recorded in the \
            state store (see `sluice runs`).

            Exit status: 0 success, 1 the pipeline failed, 2 invalid pipeline file or usage.
            """
    )

    @OptionGroup var pipeline: PipelineOptions
    @OptionGroup var state: StateOptions

    @Option(help: "The engine that executes the plan (overrides the file's \"engine\").")
    var engine: EngineKind?

    @Option(help: "The least severe log level written (trace, debug, info, notice, warning, error, critical).")
    var logLevel: Logger.Level = .info

    @Option(help: ArgumentHelp("Memory a sort, a join, a deduplication or an aggregation may hold before it spills to temporary files (512MB, 4GB, bytes; default: half of the machine's memory).",
                               valueName: "size"))
    var memoryLimit: String?

    func run() async throws {
        var options = try pipeline.runOptions(engine: engine)
        options.engineOptions = try PipelineOptions.engineOptions(memoryLimit: memoryLimit)
        LogSetup.bootstrap(level: logLevel)
        let store = PendingStateStore(directory: state.directory)
        let progress = ProgressLine(terminal: .shared)
        let runner = PipelineRunner(store: store, logger: Logger(label: "sluice"), onEvent: progress.handle)
        let report = await runner.run(file: pipeline.file, options: options)
        await progress.stop()
        await store.close()
        if !report.errors.isEmpty {
            Terminal.shared.writeError(DiagnosticsPrinter.text(report.errors) + "\n")
        }
        if report.outcome != .invalid {
            Terminal.shared.writeOutput(RunSummary.text(report) + "\n")
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
