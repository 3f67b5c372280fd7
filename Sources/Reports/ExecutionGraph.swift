import Litmus
import Models

/// Graphviz DOT for one execution: a column per thread, `po` black, `rf` red, `co` blue,
/// `fr` orange; the edges of a forbidding cycle, when given, are drawn bold in purple.
public enum ExecutionGraph {
    public static func dot(_ x: Execution, program: Program, title: String, explanation: Explanation? = nil) -> String {
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
        let immediatePo = x.po - x.po.sequence(x.po)
        edges(immediatePo, "po", "color=black")
        edges(x.rf.restricted(domain: x.select { !$0.isInit }), "rf", "color=red")
        edges(x.co.restricted(domain: x.select { !$0.isInit }) - x.co.sequence(x.co), "co", "color=blue")
        edges(x.fr - x.fr.sequence(x.co), "fr", "color=orange")
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

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
