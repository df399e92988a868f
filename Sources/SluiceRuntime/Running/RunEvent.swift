import SluiceEngine
import SluiceSpec

/// Progress of a run, for a live display. Delivered in order on the running task.
public enum RunEvent: Sendable {
    /// An attempt began (1 for the first).
    case attemptStarted(attempt: Int, metrics: StepMetrics)
    /// A load step began writing; `metrics` fills as rows flow.
    case stepStarted(name: String, stepIndex: Int, metrics: StepMetrics)
    /// The attempt failed with a transient error and will be retried after `delaySeconds`.
    case retrying(attempt: Int, delaySeconds: Double, error: SluiceError)
    /// The run ended.
    case finished(RunReport)
}
