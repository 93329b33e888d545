namespace WebhookSignatures.Sending;

/// <summary>
/// How a refusal tells the user to let a receiver through, in the words of where the guard was configured: the
/// library's options or the tool's flags.
/// </summary>
/// <param name="Allow">How to allow a known internal receiver.</param>
/// <param name="Loopback">How to allow a receiver on this machine in development.</param>
internal sealed record GuardAdvice(string Allow, string Loopback)
{
    /// <summary>The library's options.</summary>
    public static readonly GuardAdvice Options = new(
        "add its address or range to WebhookSenderOptions.AddressGuard (AddressGuard.Allow(\"10.1.0.0/16\"))",
        "set WebhookSenderOptions.AllowHttpToLoopback");
}
