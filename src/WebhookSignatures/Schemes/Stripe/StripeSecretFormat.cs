using System.Security.Cryptography;

namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// What a Stripe signing secret looks like: <c>whsec_</c> and letters and digits (the Dashboard's and the Stripe CLI's
/// alike). The MAC is keyed with the whole string, so a secret without its prefix, or with a space or line break in it,
/// verifies nothing.
/// </summary>
internal static class StripeSecretFormat
{
    public const string Prefix = "whsec_";

    private const string Fix = "copy the endpoint's signing secret whole, whsec_ included, from the Dashboard's webhook endpoint page (Reveal) or from what `stripe listen` prints";

    /// <summary>What is wrong with <paramref name="secret"/> and the fix, or null when it may be right; never quotes it.</summary>
    public static string? Check(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"does not start with {Prefix}, as every Stripe signing secret does, and Stripe's MAC covers the whole string: {Fix}.";
        }

        var rest = secret.AsSpan(Prefix.Length);
        if (rest.IsEmpty)
        {
            return $"is {Prefix} and nothing after it: {Fix}.";
        }

        foreach (var c in rest)
        {
            // Stripe's secrets are letters and digits; the base64 and base64url alphabets are let through for test secrets.
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '=' or '-' or '_'))
            {
                return $"holds {Describe(c)} after {Prefix}, which a Stripe signing secret never has (it is {Prefix} then base64 letters and digits): {Fix}.";
            }
        }

        return null;
    }

    /// <summary>A new secret in Stripe's form: <c>whsec_</c> and 64 lowercase hex digits, as the Stripe CLI prints.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[KeyRing.GeneratedSecretBytes];
        RandomNumberGenerator.Fill(random);
        var secret = Prefix + WebhookHmac.ToHex(random);
        CryptographicOperations.ZeroMemory(random);
        return secret;
    }

    internal static string Describe(char c) => c switch
    {
        '\n' or '\r' => "a line break",
        ' ' => "a space",
        '\t' => "a tab",
        '"' or '\'' => "a quote",
        _ when char.IsWhiteSpace(c) => "whitespace",
        _ => "a character outside base64",
    };
}
