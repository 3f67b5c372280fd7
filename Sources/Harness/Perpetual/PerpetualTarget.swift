import Litmus

/// A conjunction of `register = value` and `location = value` atoms, resolved against a
/// ``PerpetualShape``: what perpetual decoding counts instances of.
public struct PerpetualTarget: Hashable, Sendable {
    public enum Atom: Hashable, Sendable {
        /// The load in `site` returned `value` (a store's constant or the initial value).
        case read(site: PerpetualShape.LoadSite, value: Int)
        /// The location's final value is `value`.
        case memory(location: VariableIndex, value: Int)
    }

    public var atoms: [Atom]
    /// True when an atom can never hold (a register never loaded compared with another value).
    public var isUnsatisfiable: Bool

    public init(atoms: [Atom], isUnsatisfiable: Bool = false) {
        self.atoms = atoms
        self.isUnsatisfiable = isUnsatisfiable
    }

    /// The test's condition; refuses quantifiers and propositions perpetual mode cannot count.
    public init(condition: FinalCondition, shape: PerpetualShape) throws(PerpetualRefusal) {
        if condition.quantifier == .forall {
            throw PerpetualRefusal("`forall` conditions count the instances that violate a conjunction, which perpetual decoding cannot; use `exists` or `~exists`")
        }
        try self.init(proposition: condition.proposition, shape: shape)
    }

    public init(proposition: Proposition, shape: PerpetualShape) throws(PerpetualRefusal) {
        var atoms: [Atom] = []
        var unsatisfiable = false
        var pending = [proposition]
        while let next = pending.popLast() {
            switch next {
            case let .and(a, b):
                pending.append(b)
                pending.append(a)
            case .constant(true):
                continue
            case .constant(false):
                unsatisfiable = true
            case let .equals(location, .value(.integer(value))):
                switch try Self.resolve(location, value: value, shape: shape) {
                case let .atom(atom): atoms.append(atom)
                case .alwaysTrue: continue
                case .alwaysFalse: unsatisfiable = true
                }
            case .equals(_, .value(.address)):
                throw PerpetualRefusal("the condition compares with an address; perpetual mode decodes integer values only")
            case .equals(_, .location):
                throw PerpetualRefusal("the condition compares two locations; perpetual mode needs `location = constant` atoms")
            case .not, .or, .implies:
                throw PerpetualRefusal("the condition must be a conjunction (`/\\`) of `location = constant` atoms")
            }
        }
        self.init(atoms: atoms, isUnsatisfiable: unsatisfiable)
    }

    private enum Resolution { case atom(Atom), alwaysTrue, alwaysFalse }

    /// `location = value` as an atom, or its truth when no run can change it.
    private static func resolve(
        _ location: StateLocation, value: Int, shape: PerpetualShape
    ) throws(PerpetualRefusal) -> Resolution {
        let program = shape.program
        switch location {
        case let .register(thread, name):
            guard program.threads.indices.contains(thread),
                  let register = program.threads[thread].registerIndex(named: name) else {
                throw PerpetualRefusal("the condition names `\(thread):\(name)`, which the test does not define")
            }
            if let site = shape.loadSite(thread: thread, register: register) {
                return .atom(.read(site: site, value: value))
            }
            // Never loaded: it keeps its initial value.
            let initial = program.threads[thread].initialRegisters[register] ?? .integer(0)
            return initial == .integer(value) ? .alwaysTrue : .alwaysFalse
        case let .variable(name):
            guard let index = program.variableIndex(named: name) else {
                throw PerpetualRefusal("the condition names `\(name)`, which the test does not define")
            }
            return .atom(.memory(location: index, value: value))
        }
    }
}

extension PerpetualTarget {
    /// Every final state over the test's observed locations that perpetual runs can produce,
    /// each with its target; empty when there would be more than `limit`.
    public static func outcomes(of shape: PerpetualShape, limit: Int = 256) -> [(state: FinalState, target: PerpetualTarget)] {
        let program = shape.program
        var choices: [(StateLocation, [Int])] = []
        for location in program.observedLocations {
            switch location {
            case let .register(thread, name):
                guard program.threads.indices.contains(thread),
                      let register = program.threads[thread].registerIndex(named: name) else { return [] }
                if let site = shape.loadSite(thread: thread, register: register) {
                    let initial = PerpetualShape.initialInteger(program.variables[site.location])
                    choices.append((location, [initial] + shape.storeSites[site.location].map(\.constant)))
                } else if case let .integer(n) = program.threads[thread].initialRegisters[register] ?? .integer(0) {
                    choices.append((location, [n]))
                } else {
                    return []
                }
            case let .variable(name):
                guard let index = program.variableIndex(named: name) else { return [] }
                let constants = shape.storeSites[index].map(\.constant)
                choices.append((location, constants.isEmpty ? [PerpetualShape.initialInteger(program.variables[index])] : constants))
            }
        }
        let total = choices.reduce(1) { $0 * $1.1.count }
        guard total <= limit else { return [] }
        var result: [(state: FinalState, target: PerpetualTarget)] = []
        for combination in 0..<total {
            var rest = combination
            var values: [StateLocation: Value] = [:]
            var proposition = Proposition.constant(true)
            for (location, options) in choices.reversed() {
                let value = options[rest % options.count]
                rest /= options.count
                values[location] = .integer(value)
                proposition = .and(.equals(location, .value(.integer(value))), proposition)
            }
            guard let target = try? PerpetualTarget(proposition: proposition, shape: shape) else { return [] }
            result.append((FinalState(values), target))
        }
        return result.sorted { $0.state < $1.state }
    }
}
