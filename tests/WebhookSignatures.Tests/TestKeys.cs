using System.Text;

namespace WebhookSignatures.Tests;

internal static class TestKeys
{
    public const string Secret = "test-secret-0123456789abcdef";

    public static byte[] Bytes(string secret = Secret) => Encoding.UTF8.GetBytes(secret);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
