import ArgumentParser
import Foundation

/// The `sluice` command: runs, checks, explains and documents pipeline files.
///
/// Exit statuses: 0 success, 1 the pipeline failed, 2 invalid input or usage.
@main
struct SluiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run data pipelines described in one JSON file.",
        discussion: """
            A pipeline file lists steps (extract, transform, validate, load); each step names a method and \
            its config. `sluice methods` lists the methods.

            Exit status: 0 success, 1 the pipeline failed, 2 invalid pipeline file or usage.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, ExplainCommand.self, MethodsCommand.self, RunsCommand.self, DeltaCommand.self]
    )

    static func main() async {
        AllocatorTuning.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser reports usage errors as EX_USAGE (64); Sluice promises 2.
            if exitCode(for: error).rawValue == ExitCode.validationFailure.rawValue {
                Terminal.shared.writeError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
