/// One way a thread can run: its events in program order, the dependencies between them, and
/// its registers at the end. Indices in the pair lists are positions in `events`.
///
/// The axiomatic explorer (Models) builds these from the IR; the operational machines run the
/// same paths, so both sides see one notion of address, data and control dependency.
public struct ThreadPath: Sendable {
    public var events: [Event] = []
    public var addr: [(Int, Int)] = []
    public var data: [(Int, Int)] = []
    public var ctrl: [(Int, Int)] = []
    public var rmw: [(Int, Int)] = []
    public var registers: [Value] = []

    public init() {}
}
