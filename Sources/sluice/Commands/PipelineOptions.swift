import ArgumentParser
import Foundation
import SluiceEngine
import SluiceRuntime
import SluiceSpec

/// The options every command that reads a pipeline file shares.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline file (JSON).")
    var file: String

    @Option(name: .customLong("var"), parsing: .singleValue,
            help: ArgumentHelp("Set a variable used as ${name} in the file (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    func runOptions(engine: EngineKind? = nil) throws -> RunOptions {
        var parsed: [String: String] = [:]
        for assignment in variables {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--var expects name=value, got '\(assignment)'")
            }
            parsed[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        return RunOptions(variables: parsed, engine: engine)
    }

    /// `--memory-limit` as engine options (nil: the default, half of the machine's memory).
    static func engineOptions(memoryLimit: String?) throws -> EngineOptions {
        guard let memoryLimit else { return EngineOptions() }
        guard let bytes = EngineOptions.parseSize(memoryLimit) else {
            throw ValidationError("--memory-limit expects a size such as 512MB, 4GB or 1073741824, got '\(memoryLimit)'")
        }
        return EngineOptions(memoryLimit: bytes)
    }
}

/// Where run history is kept.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The directory of the run-history database (default: $SLUICE_STATE_DIR or ./.sluice).",
                               valueName: "dir"))
    var stateDir: String?

    var directory: String {
        stateDir ?? getenv("SLUICE_STATE_DIR").map { String(cString: $0) } ?? ".sluice"
    }

    /// Opens the store, or prints why it cannot be opened and exits with status 1.
    func openStore() async throws -> StateStore {
        do {
            return try await StateStore.open(directory: directory)
        } catch {
            Terminal.shared.writeError(DiagnosticsPrinter.text(SluiceErrors.flatten(error)) + "\n")
            throw ExitCode(1)
        }
    }
}

extension EngineKind: ExpressibleByArgument {}
