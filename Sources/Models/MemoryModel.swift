import Litmus

/// The models `litmus check` knows.
public enum ModelKind: String, CaseIterable, Sendable {
    /// Sequential consistency: one interleaving of all threads. Like tso and armv8, it also
    /// applies the LKMM's RCU axiom (``GracePeriodGuarantee``), which RCU's implementation provides.
    case sc
    /// x86-TSO: store buffers; kernel primitives mapped as Linux maps them on x86-64.
    case tso
    /// ARMv8 AArch64 (other-multi-copy-atomic); kernel primitives mapped as Linux maps them on arm64.
    case armv8
    /// The Linux-kernel memory model (tools/memory-model: linux-kernel.cat, .bell, lock.cat).
    case lkmm

    /// The name people use: SC, x86-TSO, ARMv8, LKMM.
    public var displayName: String {
        switch self {
        case .sc: return "SC"
        case .tso: return "x86-TSO"
        case .armv8: return "ARMv8"
        case .lkmm: return "LKMM"
        }
    }

    /// The model's axioms.
    public var model: any MemoryModel {
        switch self {
        case .sc: return SequentialConsistency()
        case .tso: return TotalStoreOrder()
        case .armv8: return ARMv8()
        case .lkmm: return LinuxKernelModel()
        }
    }
}

/// What an axiom requires of its relation.
public enum AxiomKind: String, Sendable {
    case acyclic, irreflexive, empty
}

/// A failed axiom: its name in the model (`happens-before`), the relation it constrains
/// (`hb`) and that relation in this execution, from which the witness cycle is read.
public struct AxiomViolation: Sendable {
    public var axiom: String
    public var relationName: String
    public var kind: AxiomKind
    public var relation: Relation
    /// Relations whose edges name the steps of a witness (`rfe`, `po+smp_mb`...), most
    /// specific first; derived edges are expanded through them.
    public var vocabulary: [(name: String, relation: Relation)]
    /// Where an axiom the model borrows comes from, in words (nil for the model's own axioms).
    public var note: String?

    public init(axiom: String, relationName: String, kind: AxiomKind, relation: Relation,
                vocabulary: [(name: String, relation: Relation)] = [], note: String? = nil) {
        self.axiom = axiom
        self.relationName = relationName
        self.kind = kind
        self.relation = relation
        self.vocabulary = vocabulary
        self.note = note
    }
}

/// A model's judgement of one candidate execution.
public struct ModelOutcome: Sendable {
    /// The first axiom (in the model's order) the execution violates; nil when allowed.
    public var violation: AxiomViolation?
    /// `flag` statements raised (`data-race`), meaningful for allowed executions.
    public var flags: Set<String>
    /// How many executions an allowed candidate counts for: herd7 counts each choice of a cat
    /// model's `with x from S` that passes the model as one execution.
    public var multiplicity: Int

    public init(violation: AxiomViolation? = nil, flags: Set<String> = [], multiplicity: Int = 1) {
        self.violation = violation
        self.flags = flags
        self.multiplicity = multiplicity
    }

    public var isAllowed: Bool { violation == nil }
}

/// A memory model: a short list of named relations and axioms over a candidate execution.
public protocol MemoryModel: Sendable {
    /// The name results show: `lkmm`, `sc`, or a cat file's name (`linux-kernel.cat`).
    var name: String { get }
    /// The built-in model this is, if it is one.
    var builtIn: ModelKind? { get }
    /// Judges one candidate; when `explaining`, a violation also carries the vocabulary of
    /// named relations its witness is described with (slower, so only for explanations).
    func evaluate(_ execution: Execution, explaining: Bool) -> ModelOutcome
    /// Whether a partial candidate (some rf/co edges still to be chosen, the chosen ones
    /// final) is rejected whatever the rest: only axioms monotone in rf and co may say so.
    func rejects(partial execution: Execution) -> Bool
    /// The relations a graph of `execution` draws, with their labels, in order (a cat model's
    /// `show`s); nil for the usual po, rf, co and fr.
    func graphRelations(_ execution: Execution) -> [(label: String, relation: Relation)]?
}

extension MemoryModel {
    public func evaluate(_ execution: Execution) -> ModelOutcome { evaluate(execution, explaining: false) }
    public func graphRelations(_ execution: Execution) -> [(label: String, relation: Relation)]? { nil }
    /// The built-in models' axioms are all monotone in rf and co.
    public func rejects(partial execution: Execution) -> Bool { evaluate(execution).violation != nil }
}

/// One of the models written in Swift.
protocol BuiltInModel: MemoryModel {
    var kind: ModelKind { get }
}

extension BuiltInModel {
    public var name: String { kind.rawValue }
    public var builtIn: ModelKind? { kind }
}

extension MemoryModel {
    /// Checks `acyclic relation as axiom`.
    func acyclic(_ relation: Relation, _ name: String, as axiom: String,
                 _ vocabulary: [(name: String, relation: Relation)]) -> AxiomViolation? {
        relation.isAcyclic ? nil
            : AxiomViolation(axiom: axiom, relationName: name, kind: .acyclic, relation: relation, vocabulary: vocabulary)
    }

    func irreflexive(_ relation: Relation, _ name: String, as axiom: String,
                     _ vocabulary: [(name: String, relation: Relation)]) -> AxiomViolation? {
        relation.isIrreflexive ? nil
            : AxiomViolation(axiom: axiom, relationName: name, kind: .irreflexive, relation: relation, vocabulary: vocabulary)
    }

    func empty(_ relation: Relation, _ name: String, as axiom: String,
               _ vocabulary: [(name: String, relation: Relation)]) -> AxiomViolation? {
        relation.isEmpty ? nil
            : AxiomViolation(axiom: axiom, relationName: name, kind: .empty, relation: relation, vocabulary: vocabulary)
    }
}

/// Relations every model shares, computed once per execution.
struct CommonRelations {
    let x: Execution
    let R, W, M, IW: EventSet
    let rfe, rfi, coe, coi, fre, fri: Relation
    let com: Relation

    init(_ x: Execution) {
        self.x = x
        R = x.reads
        W = x.writes
        M = R | W
        IW = x.initialWrites
        rfe = x.rf & x.ext
        rfi = x.rf & x.int
        coe = x.co & x.ext
        coi = x.co & x.int
        fre = x.fr & x.ext
        fri = x.fr & x.int
        com = x.rf | x.co | x.fr
    }

    /// The base vocabulary of witnesses: communication edges.
    var communication: [(name: String, relation: Relation)] {
        [("rfe", rfe), ("rfi", rfi), ("coe", coe), ("coi", coi), ("fre", fre), ("fri", fri)]
    }

    /// Program-order edges labelled with the fence between them (`po+smp_mb`), for each
    /// fence event of the execution, then `po-loc` and `po`.
    func fencedProgramOrder(_ fences: EventSet) -> [(name: String, relation: Relation)] {
        var result: [(name: String, relation: Relation)] = []
        for f in fences {
            var only = EventSet(size: x.size)
            only.insert(f)
            let text = x.events[f].origin?.text ?? x.events[f].fence?.rawValue ?? "fence"
            result.append(("po+\(text)", x.fenceRelation(only)))
        }
        return result
    }

    /// `[Srcu-lock] ; ... ; [Srcu-unlock]`-style restriction helpers.
    func only(_ set: EventSet) -> Relation { set.identity }

    /// Same-thread cycle check shared by all: `acyclic po-loc | com`.
    var coherence: Relation { x.poLoc | com }

    /// `rmw & (fre ; coe)`: no write of another thread between an RMW's read and write.
    var atomicity: Relation { x.rmw & fre.sequence(coe) }
}
