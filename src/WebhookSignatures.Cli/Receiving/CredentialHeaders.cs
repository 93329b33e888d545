namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// Credentials a sender may send beside the signature, GitLab's token among them (it is the secret itself, and one that
/// is not configured here may be another project's): shown as present, never their value.
/// </summary>
internal static class CredentialHeaders
{
    public const string HiddenValue = "(hidden)";

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization", "Cookie", "X-Gitlab-Token" };

    public static bool IsCredential(string name) => Names.Contains(name);

    /// <summary>The value to show: hidden for a credential, else with every configured secret replaced.</summary>
    public static string Show(string name, string value, IEnumerable<string> secrets) =>
        IsCredential(name) ? HiddenValue : CliInputs.Redact(value, secrets);
}
