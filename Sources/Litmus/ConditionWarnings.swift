import LitmusSyntax

/// Likely typos in the final part: a register its thread never assigns, a variable no thread
/// and no init entry names. herd7 reads both as 0 and so do we; the warning says so, where
/// the name is written (`t.litmus:30:20: warning: P1 never assigns r5; it is always 0`).
struct ConditionWarnings {
    let test: LitmusTest
    let threads: [ThreadProgram]
    /// Variables the init block or a process names (before the final part declares its own).
    let knownVariables: Set<String>

    func diagnostics() -> [Diagnostic] {
        var found: [Diagnostic] = []
        var warned: Set<String> = []
        func warn(_ message: String, at location: SourceLocation) {
            guard warned.insert(message).inserted else { return }
            found.append(Diagnostic(message, at: location, severity: .warning))
        }
        func check(_ location: LocationSyntax) {
            switch location.kind {
            case let .register(thread, name):
                guard threads.indices.contains(thread), !assigns(threads[thread], name) else { return }
                let initial = threads[thread].registerIndex(named: name).flatMap { threads[thread].initialRegisters[$0] }
                guard initial == nil else { return }
                warn("P\(thread) never assigns \(name); it is always 0", at: location.location)
            case let .variable(name):
                guard !knownVariables.contains(name) else { return }
                warn("no thread accesses \(name) and the init block does not name it; it is always 0", at: location.location)
            }
        }
        func visit(_ p: PropositionSyntax) {
            switch p {
            case .constant: break
            case let .atom(atom):
                check(atom.lhs)
                switch atom.rhs {
                case let .location(l): check(l)
                case let .address(name, location) where !knownVariables.contains(name):
                    warn("\(name) names no variable of the test (no thread accesses it, the init block does not name it)", at: location)
                default: break
                }
            case let .not(a): visit(a)
            case let .and(a, b), let .or(a, b), let .implies(a, b): visit(a); visit(b)
            }
        }
        test.extraLocations.forEach(check)
        test.filter.map(visit)
        visit(test.condition.proposition)
        return found
    }

    /// Whether some instruction of `thread` writes register `name`.
    private func assigns(_ thread: ThreadProgram, _ name: String) -> Bool {
        guard let register = thread.registerIndex(named: name) else { return false }
        func writes(_ body: [Instruction]) -> Bool {
            body.contains { instruction in
                switch instruction {
                case let .load(load): return load.destination == register
                case let .assign(target, _): return target == register
                case let .rmw(rmw): return rmw.destination == register
                case let .lock(operation): return operation.destination == register
                case let .branch(_, then, otherwise): return writes(then) || writes(otherwise)
                case let .loop(_, body): return writes(body)
                case .store, .fence, .synchronizeSRCU: return false
                }
            }
        }
        return writes(thread.body)
    }
}
