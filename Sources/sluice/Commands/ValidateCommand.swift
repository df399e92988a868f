import ArgumentParser
import Foundation
import SluiceRuntime
import SluiceSpec

/// `sluice validate FILE`: checks a pipeline without touching data.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file without running it.",
        discussion: """
            Decodes the file (includes and variables resolved) and checks every step: the method exists and fits \
            the step type, required config keys are present, unknown keys are flagged, values have the right \
            types, and every dataset is registered before it is used. Reports every problem, not just the first. \
            No data is read.

            Exit status: 0 valid, 2 invalid.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var pipeline: PipelineOptions

    @Option(help: "text, or json for machine-readable diagnostics.")
    var format: Format = .text

    func run() async throws {
        let options = try pipeline.runOptions()
        var errors: [SluiceError] = []
        var stepCount = 0
        do {
            let plan = try await PipelineCompiler().compile(file: pipeline.file, options: options, identity: RunIdentity(),
                                                            lastSuccessfulStart: { _ in nil })
            stepCount = plan.steps.count
        } catch {
            errors = SluiceErrors.flatten(error)
        }
        switch format {
        case .json:
            Terminal.shared.writeOutput(DiagnosticsPrinter.json(errors, file: pipeline.file) + "\n")
        case .text:
            if errors.isEmpty {
                Terminal.shared.writeOutput("\(pipeline.file): valid (\(stepCount) steps)\n")
            } else {
                Terminal.shared.writeError(DiagnosticsPrinter.text(errors) + "\n")
            }
        }
        if !errors.isEmpty { throw ExitCode(2) }
    }
}
