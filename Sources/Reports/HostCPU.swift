import Models

/// The machine this binary runs on, and the memory model that describes it.
public enum HostCPU {
    /// `x86-64`, `arm64`, or the architecture's name when no model covers it.
    public static var architecture: String {
        #if arch(x86_64)
        return "x86-64"
        #elseif arch(arm64)
        return "arm64"
        #elseif arch(i386)
        return "i386"
        #elseif arch(arm)
        return "arm"
        #else
        return "this architecture"
        #endif
    }

    /// x86-TSO on x86-64, ARMv8 on arm64; nil where no model describes the CPU.
    public static var model: ModelKind? {
        #if arch(x86_64)
        return .tso
        #elseif arch(arm64)
        return .armv8
        #else
        return nil
        #endif
    }
}

extension ModelKind {
    /// The architecture the model describes, for sentences like "on arm64 ...".
    public var machine: String {
        switch self {
        case .sc: return "a sequentially consistent machine"
        case .tso: return "x86-64"
        case .armv8: return "arm64"
        case .lkmm: return "any Linux architecture"
        }
    }
}
