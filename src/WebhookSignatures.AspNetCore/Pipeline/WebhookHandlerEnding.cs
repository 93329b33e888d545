namespace WebhookSignatures.AspNetCore;

/// <summary>
/// How a reserved delivery's handler ended, for the settlement: a 2xx completes the delivery, whether or not the
/// sender was still there to read it; anything else releases it, and the log says which it was.
/// </summary>
/// <param name="Status">The response status when the handler ended.</param>
/// <param name="Exception">The type of the exception the handler threw, if it threw.</param>
/// <param name="Aborted">Whether the request was aborted (the sender went away, or the server cut the connection).</param>
/// <param name="Failed">Whether the handler reported a failure without throwing (an exception MVC handled itself).</param>
internal readonly record struct WebhookHandlerEnding(int Status, Type? Exception, bool Aborted, bool Failed)
{
    /// <summary>
    /// Whether the delivery was handled: a 2xx answer, no exception, no failure. An aborted request does not matter:
    /// the handler's work is done, and were it released, a handler slower than the sender's timeout, or anyone hanging
    /// up on every attempt, would run it again each time. A handler that stops early on the abort throws.
    /// </summary>
    public bool Handled => Exception is null && !Failed && Status is >= 200 and < 300;

    /// <summary>What happened, for the release's log line: the exception, the abort, the failure or the status.</summary>
    public string Describe() =>
        (Exception is { } type ? $"the handler threw {type.FullName ?? type.Name}"
        : Failed ? $"the handler failed with an exception handled by the MVC pipeline, which answered {Status}"
        : $"the handler answered {Status}")
        + (Aborted ? ", and the request was aborted (the sender went away, or the server cut the connection)" : string.Empty);
}
