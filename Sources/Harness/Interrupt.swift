import Barriers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM (what CI timeouts send) as a flag: the handler only records
/// the signal; runs poll it at batch boundaries, then report what they have.
public enum Interrupt {
    /// Set from the signal handler, so a plain word written once, read with READ_ONCE: the
    /// signal number, 0 while none came.
    nonisolated(unsafe) private static let flag: UnsafeMutablePointer<Int> = {
        let word = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        word.initialize(to: 0)
        return word
    }()

    /// Routes SIGINT and SIGTERM to the flag (instead of killing the process). Call it before
    /// starting threads: it also unblocks both, which a parent process may have left blocked
    /// and threads inherit (the signal would then never arrive).
    public static func install() {
        _ = flag
        signal(SIGINT) { Interrupt.raiseFlag($0) }
        signal(SIGTERM) { Interrupt.raiseFlag($0) }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static func raiseFlag(_ signal: Int32) { WRITE_ONCE(flag, Int(signal)) }

    public static var requested: Bool { READ_ONCE(flag) != 0 }

    /// The signal that stopped the run (SIGINT or SIGTERM), nil while none came.
    public static var received: Int32? {
        let value = READ_ONCE(flag)
        return value == 0 ? nil : Int32(value)
    }

    /// The shell's exit status for the signal received: 128 + its number (130, 143).
    public static var exitStatus: Int32 { 128 + (received ?? SIGINT) }

    /// The signal's name, for reports: `SIGINT`, `SIGTERM`.
    public static var signalName: String { received == SIGTERM ? "SIGTERM" : "SIGINT" }

    /// For tests: behave as if Ctrl-C had been pressed, or clear it.
    public static func set(_ value: Bool) { WRITE_ONCE(flag, value ? Int(SIGINT) : 0) }
}
