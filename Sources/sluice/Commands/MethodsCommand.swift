import ArgumentParser
import SluiceRuntime
import SluiceSpec

/// `sluice methods [NAME]`: the method reference, from the registry.
struct MethodsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract: "List the step methods, or describe one.",
        discussion: "`--format markdown` prints the reference that docs/methods.md holds."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Argument(help: "A method to describe (its config keys, defaults and an example).")
    var name: String?

    @Option(help: "text or markdown.")
    var format: Format = .text

    func run() throws {
        let registry = MethodRegistry.standard
        guard let name else {
            Terminal.shared.writeOutput((format == .markdown ? MethodDocs.markdown(registry) : MethodDocs.index(registry)) + "\n")
            return
        }
        guard let method = registry.method(named: name) else {
            let hint = NameSuggester.hint(for: name, in: registry.methods.map(\.name)) ?? "`sluice methods` lists them"
            Terminal.shared.writeError("error: unknown method '\(name)'\n  hint: \(hint)\n")
            throw ExitCode(2)
        }
        Terminal.shared.writeOutput(MethodDocs.text(method) + "\n")
    }
}
