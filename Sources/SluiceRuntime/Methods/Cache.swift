import SluiceEngine
import SluiceSpec

/// `cache`: computes a dataset once for all the steps that read it.
enum Cache {
    static let descriptor = MethodDescriptor(
        name: "cache",
        type: .transform,
        inputs: .one,
        summary: "Compute the dataset once and keep it in memory for every later step that reads it.",
        details: """
            Without `cache`, a dataset read by two loads (or joined twice) is recomputed for each, from its \
            source. With it, the first complete read keeps the batches in memory and later reads replay them. \
            Use it for expensive datasets that several steps read; it costs memory for the whole dataset.
            """,
        keys: [],
        example: """
            {
              "type": "transform",
              "method": "cache",
              "config": { "registerAs": "orders_cached" }
            }
            """,
        build: { context in
            StepPlan(output: .cache(CacheNode(input: try context.input, origin: context.origin)))
        }
    )
}
