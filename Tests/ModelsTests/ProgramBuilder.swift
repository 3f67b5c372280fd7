import Litmus
import LitmusSyntax

/// A small builder for hand-written Programs, so model tests do not depend on the parser.
struct ProgramBuilder {
    enum Op {
        case store(String, Int, Annotation)
        case storeRegister(String, String, Annotation)
        case load(String, String, Annotation)
        case fence(FenceKind)
        case rmw(String?, String, RMWOperation, Annotation)
        case lock(LockOperation.Kind, String, String?)
        case ifRegister(String, equals: Int, [Op])
    }

    var name: String
    var variables: [String]

    func program(_ threads: [[Op]], exists: [(String, Int)], quantifier: FinalCondition.Quantifier = .exists) -> Program {
        let variableIndex = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
        let location = SourceLocation(file: name, line: 1, column: 1)
        var programs: [ThreadProgram] = []
        for (t, ops) in threads.enumerated() {
            var registers: [String] = []
            func reg(_ r: String) -> Int {
                if let i = registers.firstIndex(of: r) { return i }
                registers.append(r)
                return registers.count - 1
            }
            func address(_ v: String) -> Expression { .constant(.address(variableIndex[v]!)) }
            func lower(_ op: Op) -> Instruction {
                switch op {
                case let .store(v, value, a):
                    return .store(Store(address: address(v), value: .constant(.integer(value)), annotation: a,
                                        origin: Origin(text: "\(a == .release ? "smp_store_release" : "WRITE_ONCE")(*\(v), \(value))", location: location)))
                case let .storeRegister(v, r, a):
                    return .store(Store(address: address(v), value: .register(reg(r)), annotation: a,
                                        origin: Origin(text: "WRITE_ONCE(*\(v), \(r))", location: location)))
                case let .load(r, v, a):
                    return .load(Load(destination: reg(r), address: address(v), annotation: a,
                                      origin: Origin(text: "\(a == .acquire ? "smp_load_acquire" : "READ_ONCE")(*\(v))", location: location)))
                case let .fence(k):
                    return .fence(Fence(kind: k, origin: Origin(text: "smp_\(k.rawValue)()", location: location)))
                case let .rmw(r, v, operation, a):
                    return .rmw(ReadModifyWrite(destination: r.map(reg), address: address(v), operation: operation,
                                                annotation: a, origin: Origin(text: "rmw(\(v))", location: location)))
                case let .lock(kind, v, r):
                    return .lock(LockOperation(kind: kind, destination: r.map(reg), address: address(v),
                                               origin: Origin(text: "spin_\(kind.rawValue)(\(v))", location: location)))
                case let .ifRegister(r, value, body):
                    return .branch(condition: .binary(.equal, .register(reg(r)), .constant(.integer(value))),
                                   then: body.map(lower), otherwise: [])
                }
            }
            let body = ops.map(lower)
            programs.append(ThreadProgram(index: t, registers: registers, body: body))
        }
        func atom(_ name: String, _ value: Int) -> Proposition {
            if let colon = name.firstIndex(of: ":") {
                return .equals(.register(thread: Int(name[..<colon])!, name: String(name[name.index(after: colon)...])),
                               .value(.integer(value)))
            }
            return .equals(.variable(name: name), .value(.integer(value)))
        }
        let proposition = exists.dropFirst().reduce(atom(exists[0].0, exists[0].1)) { .and($0, atom($1.0, $1.1)) }
        return Program(name: name, variables: variables.map { Variable(name: $0) }, threads: programs,
                       condition: FinalCondition(quantifier: quantifier, proposition: proposition))
    }
}
