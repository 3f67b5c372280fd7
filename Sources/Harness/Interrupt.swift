import Barriers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C as a flag: the handler only sets it; runs poll it at batch boundaries.
public enum Interrupt {
    /// Set from the signal handler, so a plain word written once, read with READ_ONCE.
    nonisolated(unsafe) private static let flag: UnsafeMutablePointer<Int> = {
        let word = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        word.initialize(to: 0)
        return word
    }()

    /// Routes SIGINT to the flag (instead of killing the process). Call it before starting
    /// threads: it also unblocks SIGINT, which a parent process may have left blocked and
    /// threads inherit (Ctrl-C would then never arrive).
    public static func install() {
        _ = flag
        signal(SIGINT) { _ in Interrupt.raiseFlag() }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static func raiseFlag() { WRITE_ONCE(flag, 1) }

    public static var requested: Bool { READ_ONCE(flag) != 0 }

    /// For tests: behave as if Ctrl-C had been pressed, or clear it.
    public static func set(_ value: Bool) { WRITE_ONCE(flag, value ? 1 : 0) }
}
