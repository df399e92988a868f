import Dispatch

/// A task executor that runs the first job it is given at once and holds every later one until
/// `gate` is signalled (or ten seconds pass): a stand-in for a process whose task threads are
/// all busy, where a task that awaits something resumes only much later.
final class GatedExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "sluice.tests.gated-executor")
    private let gate: DispatchSemaphore
    /// Jobs run so far; touched only on `queue`.
    private var jobsRun = 0

    init(gate: DispatchSemaphore) {
        self.gate = gate
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { [self] in
            if jobsRun == 1 { _ = gate.wait(timeout: .now() + 10) }
            jobsRun += 1
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
