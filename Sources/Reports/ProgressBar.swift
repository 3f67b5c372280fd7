import Foundation

/// A progress bar on stderr for long runs: drawn only on a terminal, and only once the run has
/// taken more than a second, redrawn ten times a second, erased when done.
public final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let title: String
    private let write: @Sendable (String) -> Void
    private let start = Date()
    private var completed = 0
    private var label = ""
    private var drawn = false
    private var finished = false

    /// `enabled` false (stderr not a terminal) makes every call a no-op.
    public init(total: Int, title: String, enabled: Bool,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(total, 1)
        self.title = title
        self.write = write
        finished = !enabled
        guard enabled else { return }
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.1)
                lock.lock()
                defer { lock.unlock() }
                if finished { return }
                let elapsed = Date().timeIntervalSince(start)
                if elapsed >= 1 {
                    self.write("\r" + Self.render(title: title, label: label, completed: completed, total: self.total, elapsed: elapsed) + "\u{1B}[K")
                    drawn = true
                }
            }
        }
    }

    /// Records progress; `label` names what runs now (the variant).
    public func update(completed: Int, label: String) {
        lock.lock()
        self.completed = min(completed, total)
        self.label = label
        lock.unlock()
    }

    /// One more unit done (a batch), never past `limit` (the end of the current variant).
    public func advance(limit: Int) {
        lock.lock()
        completed = min(completed + 1, limit, total)
        lock.unlock()
    }

    /// Stops drawing and erases the bar.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K") }
        finished = true
    }

    /// `MP+wmb+rmb [#########...............] 37%  3.2 s`.
    public static func render(title: String, label: String, completed: Int, total: Int, elapsed: Double, width: Int = 24) -> String {
        let filled = total > 0 ? min(width, completed * width / total) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let seconds = Int(elapsed * 10)
        let percent = total > 0 ? completed * 100 / total : 0
        return "\(title) [\(bar)] \(percent)%" + (label.isEmpty ? "" : " \(label)") + "  \(seconds / 10).\(seconds % 10) s"
    }
}
