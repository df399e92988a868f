import ArgumentParser
import Foundation
import SluiceRuntime
import SluiceSpec

/// `sluice delta history|optimize|vacuum PATH`: Delta Lake table maintenance.
struct DeltaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delta",
        abstract: "Inspect and maintain Delta Lake tables.",
        subcommands: [History.self, Optimize.self, Vacuum.self]
    )

    /// Prints a failure the way `sluice run` does and exits 1 (2 for invalid input).
    static func report(_ error: any Error) -> ExitCode {
        let errors = SluiceErrors.flatten(error)
        Terminal.shared.writeError(errors.map(\.description).joined(separator: "\n") + "\n")
        return errors.contains { $0.code.kind == .invalidInput } ? ExitCode(2) : ExitCode(1)
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List a table's versions, newest first, with their time and operation.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "The table's root directory.") var path: String
        @Option(help: "text or json.") var format: Format = .text

        func run() async throws {
            do {
                let entries = try DeltaTools.history(table: path)
                switch format {
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    Terminal.shared.writeOutput(String(decoding: try encoder.encode(entries), as: UTF8.self) + "\n")
                case .text:
                    var lines = ["version  timestamp                 operation  parameters"]
                    for entry in entries {
                        let time = Date(timeIntervalSince1970: Double(entry.timestamp) / 1000).ISO8601Format()
                        lines.append("\(String(entry.version).padding(toLength: 8, withPad: " ", startingAt: 0)) \(time.padding(toLength: 25, withPad: " ", startingAt: 0)) \(entry.operation.padding(toLength: 10, withPad: " ", startingAt: 0)) \(entry.parameters)")
                    }
                    Terminal.shared.writeOutput(lines.joined(separator: "\n") + "\n")
                }
            } catch {
                throw DeltaCommand.report(error)
            }
        }
    }

    struct Optimize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "optimize",
            abstract: "Compact small files into files of about the target size, or Z-order partitions.",
            discussion: "Without --zorder-by, each partition's files smaller than 3/4 of the target are rewritten together. With it, all of a partition's files are rewritten, rows sorted along a Z-order curve of the columns. The commit changes no data: readers see the same rows.")

        @Argument(help: "The table's root directory.") var path: String
        @Option(name: .customLong("zorder-by"), help: "Columns to Z-order by, comma-separated.") var zOrderBy: String?
        @Option(help: "The target file size (256MB by default).") var targetFileSize: String = "256MB"

        func run() async throws {
            guard let target = DeltaTools.byteSize(targetFileSize), target >= 1024 else {
                throw ValidationError("--target-file-size must be a size such as 256MB")
            }
            do {
                let columns = zOrderBy.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
                let result = try await DeltaTools.optimize(table: path, targetFileBytes: target, zOrderBy: columns)
                if let version = result.version {
                    Terminal.shared.writeOutput("version \(version): \(result.filesRemoved) files rewritten into \(result.filesAdded)\n")
                } else {
                    Terminal.shared.writeOutput("nothing to optimize\n")
                }
            } catch {
                throw DeltaCommand.report(error)
            }
        }
    }

    struct Vacuum: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vacuum",
            abstract: "Delete data files the newest version no longer uses, once older than the retention.",
            discussion: "Time travel to versions older than the retention stops working for the deleted files. A retention under 168 hours is refused unless --force is given.")

        @Argument(help: "The table's root directory.") var path: String
        @Option(help: "Keep files removed less than this many hours ago.") var retainHours: Double = 168
        @Flag(help: "List the files without deleting them.") var dryRun = false
        @Flag(help: "Allow a retention under 168 hours.") var force = false

        func run() async throws {
            do {
                let files = try await DeltaTools.vacuum(table: path, retentionHours: retainHours, force: force, dryRun: dryRun)
                let verb = dryRun ? "would delete" : "deleted"
                Terminal.shared.writeOutput(files.map { "\(verb) \($0)\n" }.joined() + "\(files.count) files \(verb)\n")
            } catch {
                throw DeltaCommand.report(error)
            }
        }
    }
}
