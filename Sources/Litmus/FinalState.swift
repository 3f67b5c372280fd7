/// The final values of the locations a test observes: one row of a histogram or of herd7's
/// `States` list. Entries are kept sorted in herd7's order so equal states compare equal.
public struct FinalState: Hashable, Sendable, Comparable {
    public private(set) var entries: [(location: StateLocation, value: Value)]

    public init(_ values: [StateLocation: Value]) {
        entries = values.sorted { $0.key < $1.key }.map { (location: $0.key, value: $0.value) }
    }

    /// A state whose locations are already in herd7's order (as ``Program/observedLocations``
    /// gives them), paired with their values: no sorting, for the model checker's inner loop.
    public init(sortedLocations locations: [StateLocation], values: [Value]) {
        entries = zip(locations, values).map { (location: $0, value: $1) }
    }

    public subscript(location: StateLocation) -> Value? {
        entries.first { $0.location == location }?.value
    }

    /// Evaluates a condition or filter proposition; a location the state lacks makes its atom false.
    public func satisfies(_ proposition: Proposition) -> Bool {
        switch proposition {
        case let .constant(b): return b
        case let .equals(location, operand):
            guard let lhs = self[location] else { return false }
            switch operand {
            case let .value(v): return lhs == v
            case let .location(other): return self[other] == lhs
            }
        case let .not(p): return !satisfies(p)
        case let .and(a, b): return satisfies(a) && satisfies(b)
        case let .or(a, b): return satisfies(a) || satisfies(b)
        case let .implies(a, b): return !satisfies(a) || satisfies(b)
        }
    }

    public static func == (lhs: FinalState, rhs: FinalState) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.location == $1.location && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.location)
            hasher.combine(entry.value)
        }
    }

    /// Lexicographic by (location, value) pairs: the order herd7 lists states in.
    public static func < (lhs: FinalState, rhs: FinalState) -> Bool {
        for (a, b) in zip(lhs.entries, rhs.entries) {
            if a.location != b.location { return a.location < b.location }
            if a.value != b.value { return a.value < b.value }
        }
        return lhs.entries.count < rhs.entries.count
    }
}

extension Program {
    /// The locations a final state records: the condition's, the filter's and `locations [...]`,
    /// in herd7's order, without duplicates.
    public var observedLocations: [StateLocation] {
        var all = Set(condition.proposition.locations)
        all.formUnion(filter?.locations ?? [])
        all.formUnion(extraLocations)
        return all.sorted()
    }

    /// A value as herd7 prints it: integers in decimal, addresses as the variable's name.
    public func render(_ value: Value) -> String {
        switch value {
        case let .integer(n): return String(n)
        case let .address(v): return variables.indices.contains(v) ? variables[v].name : "?\(v)"
        }
    }

    /// A location as herd7 prints it in a state: `0:r0` or `[x]`.
    public func render(_ location: StateLocation) -> String {
        switch location {
        case let .register(thread, name): return "\(thread):\(name)"
        case let .variable(name): return "[\(name)]"
        }
    }

    /// A state as herd7 prints it: `0:r0=0; 1:r0=1; [x]=2;`.
    public func render(_ state: FinalState) -> String {
        state.entries.map { "\(render($0.location))=\(render($0.value));" }.joined(separator: " ")
    }
}
