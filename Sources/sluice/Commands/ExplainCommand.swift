import ArgumentParser
import SluiceRuntime
import SluiceSpec

/// `sluice explain FILE`: prints the plan of a pipeline.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the plan of a pipeline file: its datasets and steps.",
        discussion: "Formats: text (default), dot (Graphviz: `sluice explain p.json --format dot | dot -Tpng`), mermaid."
    )

    @OptionGroup var pipeline: PipelineOptions

    @Option(help: "text, dot or mermaid.")
    var format: PlanRenderer.Format = .text

    func run() async throws {
        do {
            let plan = try await PipelineCompiler().compile(file: pipeline.file, options: try pipeline.runOptions(),
                                                            identity: RunIdentity(), lastSuccessfulStart: { _ in nil })
            Terminal.shared.writeOutput(PlanRenderer.render(plan, as: format) + "\n")
        } catch let error as ValidationError {
            throw error
        } catch {
            Terminal.shared.writeError(DiagnosticsPrinter.text(SluiceErrors.flatten(error)) + "\n")
            throw ExitCode(2)
        }
    }
}

extension PlanRenderer.Format: ExpressibleByArgument {}
