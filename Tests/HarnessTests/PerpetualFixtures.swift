import Litmus
import LitmusSyntax

/// Small litmus programs built directly as `Program`s, so the perpetual tests do not depend on
/// the parser: `T.load("r0", "y")`, `T.store("x", 1)`, `T.fence(.mb)`.
enum T {
    case load(String, String, Annotation = .once)
    case store(String, Int, Annotation = .once)
    case fence(FenceKind)
    case instruction(Instruction)
}

enum PerpetualFixtures {
    static let origin = Origin(text: "fixture", location: SourceLocation(file: "fixture.litmus", line: 1, column: 1))

    /// `condition` atoms are `("0:r0", 0)` for registers and `("x", 2)` for memory.
    static func program(
        _ name: String, _ threads: [[T]], exists condition: [(String, Int)],
        quantifier: FinalCondition.Quantifier = .exists, initial: [String: Int] = [:]
    ) -> Program {
        var variables: [Variable] = []
        func variable(_ name: String) -> Int {
            if let index = variables.firstIndex(where: { $0.name == name }) { return index }
            variables.append(Variable(name: name, initialValue: .integer(initial[name] ?? 0)))
            return variables.count - 1
        }
        var programs: [ThreadProgram] = []
        for (index, steps) in threads.enumerated() {
            var registers: [String] = []
            func register(_ name: String) -> Int {
                if let r = registers.firstIndex(of: name) { return r }
                registers.append(name)
                return registers.count - 1
            }
            let body: [Instruction] = steps.map { step in
                switch step {
                case let .load(r, x, annotation):
                    return .load(Load(destination: register(r), address: .constant(.address(variable(x))),
                                      annotation: annotation, origin: Origin(text: "\(r) = READ_ONCE(*\(x))", location: origin.location)))
                case let .store(x, v, annotation):
                    return .store(Store(address: .constant(.address(variable(x))), value: .constant(.integer(v)),
                                        annotation: annotation, origin: Origin(text: "WRITE_ONCE(*\(x), \(v))", location: origin.location)))
                case let .fence(kind):
                    return .fence(Fence(kind: kind, origin: origin))
                case let .instruction(instruction):
                    return instruction
                }
            }
            programs.append(ThreadProgram(index: index, registers: registers, body: body))
        }
        var proposition = Proposition.constant(true)
        for (location, value) in condition.reversed() {
            let parts = location.split(separator: ":")
            let state: StateLocation = parts.count == 2
                ? .register(thread: Int(parts[0])!, name: String(parts[1]))
                : .variable(name: location)
            if case .variable = state { _ = variable(location) }
            let atom = Proposition.equals(state, .value(.integer(value)))
            proposition = proposition == .constant(true) ? atom : .and(atom, proposition)
        }
        return Program(name: name, variables: variables, threads: programs,
                       condition: FinalCondition(quantifier: quantifier, proposition: proposition))
    }

    static let sb = program("SB", [
        [.store("x", 1), .load("r0", "y")],
        [.store("y", 1), .load("r0", "x")],
    ], exists: [("0:r0", 0), ("1:r0", 0)])

    static let sbMbMb = program("SB+mb+mb", [
        [.store("x", 1), .fence(.mb), .load("r0", "y")],
        [.store("y", 1), .fence(.mb), .load("r0", "x")],
    ], exists: [("0:r0", 0), ("1:r0", 0)])

    static let mp = program("MP", [
        [.store("x", 1), .store("y", 1)],
        [.load("r0", "y"), .load("r1", "x")],
    ], exists: [("1:r0", 1), ("1:r1", 0)])

    static let lb = program("LB", [
        [.load("r0", "x"), .store("y", 1)],
        [.load("r0", "y"), .store("x", 1)],
    ], exists: [("0:r0", 1), ("1:r0", 1)])

    static let r = program("R", [
        [.store("x", 1), .fence(.mb), .store("y", 1)],
        [.store("y", 2), .fence(.mb), .load("r0", "x")],
    ], exists: [("y", 2), ("1:r0", 0)])

    static let s = program("S", [
        [.store("x", 2), .fence(.wmb), .store("y", 1)],
        [.load("r0", "y"), .store("x", 1)],
    ], exists: [("1:r0", 1), ("x", 2)])

    static let twoPlusTwoW = program("2+2W", [
        [.store("x", 2), .store("y", 1)],
        [.store("y", 2), .store("x", 1)],
    ], exists: [("x", 2), ("y", 2)])

    static let iriw = program("IRIW", [
        [.store("x", 1)],
        [.store("y", 1)],
        [.load("r0", "x"), .load("r1", "y")],
        [.load("r0", "y"), .load("r1", "x")],
    ], exists: [("2:r0", 1), ("2:r1", 0), ("3:r0", 1), ("3:r1", 0)])

    static let wrc = program("WRC", [
        [.store("x", 1)],
        [.load("r0", "x"), .fence(.mb), .store("y", 1)],
        [.load("r0", "y"), .fence(.rmb), .load("r1", "x")],
    ], exists: [("1:r0", 1), ("2:r0", 1), ("2:r1", 0)])

    /// Three threads in a ring of store-buffering: three free clusters.
    static let sb3 = program("SB3", [
        [.store("x", 1), .load("r0", "y")],
        [.store("y", 1), .load("r0", "z")],
        [.store("z", 1), .load("r0", "x")],
    ], exists: [("0:r0", 0), ("1:r0", 0), ("2:r0", 0)])

    static let all: [Program] = [sb, sbMbMb, mp, lb, r, s, twoPlusTwoW, iriw, wrc, sb3]

    /// Test arguments by name, so failures print `SB` rather than the whole program.
    static func named(_ name: String) -> Program { all.first { $0.name == name }! }
}
