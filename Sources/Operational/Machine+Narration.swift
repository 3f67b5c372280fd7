import Litmus

/// Sentences for transitions and a picture of a state, for `litmus step`.
extension Machine {
    /// The thread's name as the test writes it (`P1`).
    func name(_ t: Int) -> String { "P\(tables[t].index)" }

    func variable(_ location: Int) -> String { program.variables[location].name }

    func origin(_ t: Int, _ key: Int) -> String { tables[t].keyOrigins[key].text }

    /// A path of thread `t` the state still allows, to show its instructions.
    func shownPath(_ t: Int, _ state: MachineState) -> PreparedPath? {
        state.threads[t].candidates.first.map { tables[t].paths[$0] }
    }

    /// Who wrote the write with id `id`: `P0's WRITE_ONCE(*x, 1)` or `the initial value`.
    func writerText(_ id: Int32) -> String {
        guard id >= 0 else { return "an earlier write" }
        guard let (t, key) = writer(of: id) else { return "the initial value" }
        return "\(name(t))'s `\(origin(t, key))`"
    }

    /// One sentence saying what `transition` does and why it may happen now.
    public func describe(_ transition: Transition, in state: MachineState) -> String {
        let t = transition.thread, e = transition.effect
        let who = name(t), x = variable(e.location), text = origin(t, e.key)
        switch (architecture, e.kind) {
        case (_, .drain):
            return "\(who)'s store buffer writes \(x) = \(program.render(e.value)) to memory (`\(text)`)."
        case (.tso, .write):
            return "\(who) puts \(x) = \(program.render(e.value)) in its store buffer (`\(text)`); other CPUs cannot see it yet."
        case (.tso, .atomic):
            let writes = e.written.map { " and writes \(program.render($0))" } ?? " (no write: the comparison failed)"
            return "\(who) runs the locked `\(text)`: reads \(x) = \(program.render(e.value))\(writes) straight to memory, its store buffer empty."
        case (.tso, .read):
            if e.forwarded { return "\(who) reads \(x) = \(program.render(e.value)) from its own store buffer (`\(text)`)." }
            let hidden = state.threads.indices.filter { $0 != t && state.threads[$0].buffer.contains { $0.location == e.location } }
            let note = hidden.isEmpty ? "" : "; \(hidden.map(name).joined(separator: " and "))'s store to \(x) is still in a store buffer"
            return "\(who) reads \(x) = \(program.render(e.value)) from memory (`\(text)`)\(note)."
        case (.armv8, .read):
            let how = e.forwarded
                ? "forwarded from its own store `\(writerOrigin(e.source))`, which has not reached memory"
                : "from memory (\(writerText(e.source)))"
            return "\(who) reads \(x) = \(program.render(e.value)) \(how) (`\(text)`)\(ahead(transition, state))."
        case (.armv8, .write):
            return "\(who)'s store \(x) = \(program.render(e.value)) reaches memory (`\(text)`)\(ahead(transition, state))."
        case (.armv8, .atomic):
            return "\(who) runs `\(text)`."
        }
    }

    private func writerOrigin(_ id: Int32) -> String {
        guard let (t, key) = writer(of: id) else { return "?" }
        return origin(t, key)
    }

    /// `, ahead of its earlier read of y (`...`): nothing orders the two`, when the step
    /// overtakes an access of its own thread that has not been performed.
    private func ahead(_ transition: Transition, _ state: MachineState) -> String {
        let t = transition.thread
        guard let p = transition.candidates.first else { return "" }
        let path = tables[t].paths[p]
        guard let i = path.keys.firstIndex(of: transition.effect.key) else { return "" }
        let ts = state.threads[t]
        guard let j = path.accesses.last(where: { $0 < i && !ts.isDone(path.keys[$0]) }) else { return "" }
        let earlier = path.events[j], this = path.events[i]
        func noun(_ e: Event) -> String { e.isRead ? "load" : "store" }
        let kinds = noun(earlier) == noun(this) ? "the two \(noun(this))s" : "the \(noun(earlier)) and the \(noun(this))"
        let place = earlier.location.map(variable) ?? "?"
        return ", ahead of its earlier \(earlier.isRead ? "read" : "write") of \(place) (`\(origin(t, path.keys[j]))`): "
            + "nothing orders \(kinds)"
    }

    /// The machine drawn as text: each thread's instructions with what has run, what may run
    /// and what waits; store buffers (TSO); memory.
    public func picture(of state: MachineState) -> String {
        var lines: [String] = []
        for t in tables.indices {
            let ts = state.threads[t]
            guard let path = shownPath(t, state) else {
                lines.append("\(name(t)): stuck (no way left to finish)")
                continue
            }
            lines.append("\(name(t)):")
            let enabled = Set(transitions(from: state).filter { $0.thread == t && $0.effect.kind != .drain }.map(\.effect.key))
            var accessNumber = 0
            for (i, e) in path.events.enumerated() {
                let text = tables[t].keyOrigins[path.keys[i]].text
                let status: String
                if e.kind == .fence || e.kind == .syncSRCU {
                    status = "barrier"
                } else {
                    let done: Bool
                    switch architecture {
                    case .tso: done = accessNumber < ts.executed
                    case .armv8: done = ts.isDone(path.keys[i])
                    }
                    accessNumber += 1
                    if done {
                        status = e.isRead ? "read \(render(e))" : (architecture == .tso && ts.buffer.contains { $0.key == path.keys[i] }
                            ? "buffered \(render(e))" : "wrote \(render(e))")
                    } else if enabled.contains(path.keys[i]) {
                        status = "can run"
                    } else {
                        status = architecture == .tso ? "waits (in order)" : "waits" + waitReason(t, path, i, ts)
                    }
                }
                lines.append("    " + pad(text, 34) + "  " + status)
            }
            if architecture == .tso {
                let buffer = ts.buffer.map { "\(variable($0.location)) = \(program.render($0.value))" }
                lines.append("    store buffer (oldest first): " + (buffer.isEmpty ? "empty" : buffer.joined(separator: ", ")))
            }
        }
        let memory = state.memory.enumerated().map { "\(variable($0.offset)) = \(program.render($0.element.value))" }
        lines.append("memory: " + memory.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    private func render(_ e: Event) -> String {
        "\(e.location.map(variable) ?? "?") = \(e.value.map(program.render) ?? "?")"
    }

    /// The nearest earlier access this one must wait for.
    private func waitReason(_ t: Int, _ path: PreparedPath, _ i: Int, _ ts: ThreadState) -> String {
        guard let j = path.before[i].last(where: { !ts.isDone(path.keys[$0]) }) else { return "" }
        return " for `\(origin(t, path.keys[j]))`"
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
