// Stand-in until the harness branch lands its HarnessError; delete on merge.
public enum HarnessError: Error, Sendable {
    case invalidParameter(String)
    case threadStartFailed(String)
}
