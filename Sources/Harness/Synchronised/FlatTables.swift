import Litmus

/// A session's per-thread and per-location tables as raw buffers, for the hot loops (no
/// array bounds checks, copy-on-write checks or reference counting there).
struct FlatTables: @unchecked Sendable {
    static let registerSource = 0, variableSource = 1, zeroSource = 2

    let threadCount: Int
    let codes: UnsafeMutablePointer<UnsafeMutablePointer<Op>>
    let registerCounts: UnsafeMutablePointer<Int>
    let outputWidths: UnsafeMutablePointer<Int>
    let outputs: UnsafeMutablePointer<UnsafeMutablePointer<Int>>
    let observationCount: Int
    let observationKinds: UnsafeMutablePointer<Int>
    let observationA: UnsafeMutablePointer<Int>
    let observationB: UnsafeMutablePointer<Int>
    let variableCount: Int
    let initialValues: UnsafeMutablePointer<Int>
    let initialIsAddress: UnsafeMutablePointer<Bool>

    init(
        codes: [UnsafeMutablePointer<Op>], registerCounts: [Int], outputWidths: [Int],
        outputs: [UnsafeMutablePointer<Int>], observations: [ObservationSource], variables: [Variable]
    ) {
        func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
            buffer.initialize(from: array, count: array.count)
            return buffer
        }
        threadCount = codes.count
        self.codes = copy(codes)
        self.registerCounts = copy(registerCounts)
        self.outputWidths = copy(outputWidths)
        self.outputs = copy(outputs)
        observationCount = observations.count
        observationKinds = copy(observations.map {
            switch $0 {
            case .register: Self.registerSource
            case .variable: Self.variableSource
            case .zero: Self.zeroSource
            }
        })
        observationA = copy(observations.map {
            switch $0 {
            case let .register(thread, _): thread
            case let .variable(v): v
            case .zero: 0
            }
        })
        observationB = copy(observations.map { if case let .register(_, slot) = $0 { slot } else { 0 } })
        variableCount = variables.count
        initialValues = copy(variables.map {
            switch $0.initialValue {
            case let .integer(n): n
            case let .address(v): v
            }
        })
        initialIsAddress = copy(variables.map { if case .address = $0.initialValue { true } else { false } })
    }

    func deallocate() {
        codes.deallocate()
        registerCounts.deallocate()
        outputWidths.deallocate()
        outputs.deallocate()
        observationKinds.deallocate()
        observationA.deallocate()
        observationB.deallocate()
        initialValues.deallocate()
        initialIsAddress.deallocate()
    }
}
