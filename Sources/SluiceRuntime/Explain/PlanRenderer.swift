/// Draws a compiled pipeline for `sluice explain`: as text, as Graphviz `dot`, or as Mermaid.
public enum PlanRenderer {
    /// The output formats of `sluice explain`.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case dot
        case mermaid
    }

    public static func render(_ plan: PipelinePlan, as format: Format) -> String {
        switch format {
        case .text: text(plan)
        case .dot: dot(plan)
        case .mermaid: mermaid(plan)
        }
    }

    /// One block per step: its number, name, method and inputs, then its plan nodes.
    static func text(_ plan: PipelinePlan) -> String {
        var lines = ["Pipeline '\(plan.spec.name)' (\(plan.spec.mode.rawValue), \(plan.steps.count) steps)"]
        for step in plan.steps {
            let inputs = step.inputSteps.map { index in plan.steps.first { $0.step.index == index }?.name ?? "step \(index + 1)" }
            var line = "[\(step.step.index + 1)] \(step.method.type.rawValue) \(step.method.name)"
            if let name = step.step.registerAs { line += " as '\(name)'" }
            if !inputs.isEmpty { line += " <- " + inputs.map { "'\($0)'" }.joined(separator: ", ") }
            lines.append(line)
            // A load shows its plan as it will run: the columns each scan reads and the
            // conditions it may skip data by.
            let shown = step.plan.action.map { ColumnPruning.apply(PredicatePushdown.apply($0)) } ?? step.plan.output
            lines.append(shown.treeDescription(indent: "    "))
        }
        return lines.joined(separator: "\n")
    }

    static func dot(_ plan: PipelinePlan) -> String {
        var lines = ["digraph \(quote(plan.spec.name)) {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for step in plan.steps {
            let shape = step.method.type == .extract || step.method.type == .load ? "cylinder" : "box"
            lines.append("  s\(step.step.index) [label=\(quote("\(step.name)\n\(step.method.name)")), shape=\(shape)];")
        }
        for step in plan.steps {
            for input in step.inputSteps { lines.append("  s\(input) -> s\(step.step.index);") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    static func mermaid(_ plan: PipelinePlan) -> String {
        var lines = ["flowchart LR"]
        for step in plan.steps {
            let label = "\(step.name)<br/>\(step.method.name)".replacingOccurrences(of: "\"", with: "#quot;")
            let isStore = step.method.type == .extract || step.method.type == .load
            lines.append("  s\(step.step.index)" + (isStore ? "[(\"\(label)\")]" : "[\"\(label)\"]"))
        }
        for step in plan.steps {
            for input in step.inputSteps { lines.append("  s\(input) --> s\(step.step.index)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

import Foundation
import SluiceEngine
