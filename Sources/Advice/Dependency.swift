import Litmus
import LitmusSyntax

/// An address dependency made on purpose, for checking whether one would order a step: the
/// later access's address gets `+ (r & 0)` where `r` holds the earlier load's value, the
/// shape herd7 and the models read as a dependency whatever the value.
enum Dependency {
    /// The program with that dependency from the load at `from` to the access at `to`, and the
    /// dependency in words; nil when `from` is not a load into a register or `to` is not an
    /// access in the same thread.
    static func add(in program: Program, from: SourceLocation, to: SourceLocation) -> (Program, String)? {
        for t in program.threads.indices {
            let thread = program.threads[t]
            guard let (register, loadText) = loadDestination(thread.body, at: from) else { continue }
            var found: String?
            let body = rewrite(thread.body, at: to, register: register, found: &found)
            guard let target = found else { return nil }
            var copy = program
            copy.threads[t].body = body
            return (copy, "an address dependency from \(thread.registers[register]) (\(loadText)) to \(target)")
        }
        return nil
    }

    private static func loadDestination(_ body: [Instruction], at location: SourceLocation) -> (RegisterIndex, String)? {
        for instruction in body {
            switch instruction {
            case let .load(load) where load.origin.location == location: return (load.destination, load.origin.text)
            case let .branch(_, a, b):
                if let found = loadDestination(a, at: location) ?? loadDestination(b, at: location) { return found }
            case let .loop(_, inner):
                if let found = loadDestination(inner, at: location) { return found }
            default: break
            }
        }
        return nil
    }

    private static func rewrite(_ body: [Instruction], at location: SourceLocation, register: RegisterIndex,
                                found: inout String?) -> [Instruction] {
        func dependent(_ address: Expression) -> Expression {
            .binary(.add, address, .binary(.bitwiseAnd, .register(register), .constant(.integer(0))))
        }
        return body.map { instruction in
            switch instruction {
            case var .load(load) where load.origin.location == location && found == nil:
                load.address = dependent(load.address)
                found = load.origin.text
                return .load(load)
            case var .store(store) where store.origin.location == location && found == nil:
                store.address = dependent(store.address)
                found = store.origin.text
                return .store(store)
            case var .rmw(rmw) where rmw.origin.location == location && found == nil:
                rmw.address = dependent(rmw.address)
                found = rmw.origin.text
                return .rmw(rmw)
            case let .branch(condition, a, b):
                return .branch(condition: condition, then: rewrite(a, at: location, register: register, found: &found),
                               otherwise: rewrite(b, at: location, register: register, found: &found))
            case let .loop(condition, inner):
                return .loop(condition: condition, body: rewrite(inner, at: location, register: register, found: &found))
            default:
                return instruction
            }
        }
    }
}
