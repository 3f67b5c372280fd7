import Litmus
import Models

/// Graphviz DOT for one execution: a column per thread, `po` black, `rf` red, `co` blue,
/// `fr` orange, a cat model's other shown relations in other colours; the edges of a
/// forbidding cycle, when given, are drawn bold in purple.
public enum ExecutionGraph {
    /// `relations`: what to draw, labelled (a cat model's `show`s); nil: po, rf, co and fr.
    /// As herd7 draws them, po and co are shown without their transitive edges, rf and co
    /// without the initial writes' edges, fr without what fr;co implies.
    public static func dot(_ x: Execution, program: Program, title: String, explanation: Explanation? = nil,
                           relations: [(label: String, relation: Relation)]? = nil) -> String {
        var lines = ["digraph \"\(escape(title))\" {", "  label=\"\(escape(title))\";", "  node [shape=box, fontsize=10];"]
        let threads = Set(x.events.map(\.thread)).sorted()
        for t in threads {
            let members = x.events.indices.filter { x.events[$0].thread == t }
            lines.append("  subgraph cluster_\(t < 0 ? "init" : String(t)) {")
            lines.append("    label=\"\(t < 0 ? "init" : "P\(t)")\";")
            for e in members {
                lines.append("    e\(e) [label=\"\(escape(Explanation.describe(e, x, program)))\"];")
            }
            lines.append("  }")
        }
        func edges(_ r: Relation, _ label: String, _ attributes: String) {
            for (a, b) in r.pairs { lines.append("  e\(a) -> e\(b) [label=\"\(label)\", \(attributes)];") }
        }
        let drawn = relations ?? [("po", x.po), ("rf", x.rf), ("co", x.co), ("fr", x.fr)]
        let co = drawn.first { $0.label == "co" }?.relation ?? x.co
        let fromProgram = x.select { !$0.isInit }
        var others = 0
        for (label, r) in drawn {
            switch label {
            case "po": edges(r - r.sequence(r), label, "color=black")
            case "rf": edges(r.restricted(domain: fromProgram), label, "color=red")
            case "co": edges(r.restricted(domain: fromProgram) - r.sequence(r), label, "color=blue")
            case "fr": edges(r - r.sequence(co), label, "color=orange")
            default:
                edges(r, escape(label), "color=\(palette[others % palette.count])")
                others += 1
            }
        }
        if let explanation {
            let steps = explanation.steps
            for (i, step) in steps.enumerated() where i + 1 < steps.count || explanation.kind != .empty {
                let next = steps[(i + 1) % steps.count].event
                lines.append("  e\(step.event) -> e\(next) [label=\"\(escape(step.edge))\", color=purple, penwidth=2];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Colours for a model's own relations (purple is the forbidding cycle's).
    private static let palette = ["darkgreen", "brown", "magenta", "darkcyan", "goldenrod", "slateblue", "gray40"]

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
