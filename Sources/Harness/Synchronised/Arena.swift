import Litmus

/// The test's locations for one batch: every variable has a slot per iteration, at
/// `bases[v] + offsets[i]`. Slots hold `Int`s so an address fits.
final class Arena: @unchecked Sendable {
    static let lineSize = 64
    static let memoryLimit = 1 << 30

    let variableCount: Int
    let batchSize: Int
    /// Base address of each variable's slots.
    let bases: UnsafeMutablePointer<Int>
    /// Byte offset of iteration i's slots; a permutation when shuffled.
    let offsets: UnsafeMutablePointer<Int>
    private let region: UnsafeMutableRawPointer
    let bytes: Int

    init(program: Program, batchSize: Int, layout: LocationLayout, shuffle: Bool, seed: UInt64) throws(HarnessError) {
        let count = max(program.variables.count, 1)
        variableCount = program.variables.count
        self.batchSize = batchSize
        var generator = SplitMix(seed: seed)
        var positions = Array(0..<count)
        if shuffle { positions.shuffle(using: &generator) }
        let stride: Int
        let baseOffsets: [Int]
        let total: Double
        switch layout {
        case .line:
            stride = Self.lineSize
            baseOffsets = positions.map { $0 * batchSize * stride }
            total = Double(count) * Double(batchSize) * Double(stride)
        case .array:
            stride = MemoryLayout<Int>.stride
            // Each array starts on its own line.
            let arrayBytes = (batchSize * stride + Self.lineSize - 1) / Self.lineSize * Self.lineSize
            baseOffsets = positions.map { $0 * arrayBytes }
            total = Double(count) * Double(arrayBytes)
        case .packed:
            let group = count * MemoryLayout<Int>.stride
            // A power of two up to a line, so no iteration's group straddles two lines.
            stride = group <= Self.lineSize
                ? max(8, 1 << (Int.bitWidth - (group - 1).leadingZeroBitCount))
                : (group + Self.lineSize - 1) / Self.lineSize * Self.lineSize
            baseOffsets = positions.map { $0 * MemoryLayout<Int>.stride }
            total = Double(batchSize) * Double(stride)
        }
        guard total <= Double(Self.memoryLimit) else {
            throw .tooMuchMemory(test: program.name, bytes: Int(min(total, 1e18)), limit: Self.memoryLimit)
        }
        bytes = Int(total) + Self.lineSize
        region = .allocate(byteCount: bytes, alignment: 4096)
        region.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        bases = .allocate(capacity: count)
        for v in 0..<count { bases[v] = Int(bitPattern: region) + baseOffsets[v] }
        offsets = .allocate(capacity: batchSize)
        var order = Array(0..<batchSize)
        if shuffle { order.shuffle(using: &generator) }
        for i in 0..<batchSize { offsets[i] = order[i] * stride }
    }

    deinit {
        region.deallocate()
        bases.deallocate()
        offsets.deallocate()
    }

    @inline(__always)
    func slot(_ variable: Int, iteration: Int) -> UnsafeMutablePointer<Int> {
        UnsafeMutablePointer(bitPattern: bases[variable] &+ offsets[iteration]).unsafelyUnwrapped
    }
}
