using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.LoadDriver;

/// <summary>
/// Unique Snyk deliveries signed before anything is timed: one 4096-byte body whose first bytes carry a ten-digit
/// delivery number, and the HMAC-SHA256 of each numbered body (32 bytes a delivery, not a body each). Every delivery
/// is handed out once; a receiver with exactly-once handling reserves and completes each as a new entry.
/// </summary>
public sealed class SignedDeliveries
{
    /// <summary>The body's length in bytes.</summary>
    public const int BodyLength = 4096;

    /// <summary>Where the delivery number starts in the body, and its length.</summary>
    public const int NumberOffset = 13;

    public const int NumberLength = 10;

    private const int MacLength = 32;

    /// <summary>The length of the <c>X-Hub-Signature</c> value, <c>sha256=</c> and 64 hex digits.</summary>
    public const int SignatureLength = 7 + (2 * MacLength);

    private readonly byte[] _macs;
    private readonly long _firstNumber;
    private long _next = -1;

    private SignedDeliveries(byte[] template, byte[] macs, long firstNumber, int count)
    {
        Template = template;
        _macs = macs;
        _firstNumber = firstNumber;
        Count = count;
    }

    /// <summary>The body with the number of delivery 0; a sender overwrites the number.</summary>
    public byte[] Template { get; }

    public int Count { get; }

    /// <summary>How many deliveries have been handed out.</summary>
    public long Taken => Math.Min(Interlocked.Read(ref _next) + 1, Count);

    /// <summary>Signs <paramref name="count"/> deliveries numbered from <paramref name="firstNumber"/>, on every core.</summary>
    public static SignedDeliveries Create(string secret, int count, long firstNumber)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstNumber + count, 9_999_999_999L, nameof(count));
        var template = CreateTemplate();
        var macs = new byte[(long)count * MacLength];
        using var keys = KeyRing.FromSecrets(secret);
        var key = keys.GetKey(0).ToArray();
        try
        {
            Parallel.For(0, Environment.ProcessorCount, worker =>
            {
                var body = (byte[])template.Clone();
                for (var i = worker; i < count; i += Environment.ProcessorCount)
                {
                    WriteNumber(firstNumber + i, body.AsSpan(NumberOffset, NumberLength));
                    HMACSHA256.HashData(key, body, macs.AsSpan(i * MacLength, MacLength));
                }
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var deliveries = new SignedDeliveries(template, macs, firstNumber, count);

        // The library's own signer must agree with the bulk HMAC above: compare the first delivery's header.
        var first = (byte[])template.Clone();
        deliveries.WriteBody(0, first.AsSpan(NumberOffset, NumberLength));
        Span<byte> header = stackalloc byte[SignatureLength];
        deliveries.WriteSignature(0, header);
        using var check = KeyRing.FromSecrets(secret);
        if (HubSignature.CreateSignatureHeader(first, check.GetKey(0)) != Encoding.ASCII.GetString(header))
        {
            throw new InvalidOperationException("The pre-signed deliveries disagree with HubSignature.CreateSignatureHeader.");
        }

        return deliveries;
    }

    /// <summary>The next delivery never handed out before, or -1 when all have been.</summary>
    public long Take()
    {
        var next = Interlocked.Increment(ref _next);
        return next < Count ? next : -1;
    }

    /// <summary>Writes delivery <paramref name="index"/>'s number into the body's number slot.</summary>
    public void WriteBody(long index, Span<byte> numberSlot) => WriteNumber(_firstNumber + index, numberSlot);

    /// <summary>Writes delivery <paramref name="index"/>'s <c>X-Hub-Signature</c> value (ASCII) into <paramref name="slot"/>.</summary>
    public void WriteSignature(long index, Span<byte> slot)
    {
        "sha256="u8.CopyTo(slot);
        var mac = _macs.AsSpan((int)(index * MacLength), MacLength);
        const string digits = "0123456789abcdef";
        for (var i = 0; i < MacLength; i++)
        {
            slot[7 + (2 * i)] = (byte)digits[mac[i] >> 4];
            slot[8 + (2 * i)] = (byte)digits[mac[i] & 0xF];
        }
    }

    private static void WriteNumber(long number, Span<byte> slot)
    {
        for (var i = NumberLength - 1; i >= 0; i--)
        {
            slot[i] = (byte)('0' + (number % 10));
            number /= 10;
        }
    }

    // A realistic Snyk project snapshot, padded to exactly 4096 bytes, opening with the delivery number.
    private static byte[] CreateTemplate()
    {
        var json = new StringBuilder("{\"delivery\":\"0000000000\",\"project\":{\"name\":\"acme/api:package.json\"},\"newIssues\":[");
        for (var i = 0; json.Length < 3900; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{{\"id\":\"SNYK-JS-LODASH-{i}\",\"issueType\":\"vuln\",\"pkgName\":\"lodash\",\"pkgVersions\":[\"4.17.4\"],\"issueData\":{{\"title\":\"Prototype Pollution\",\"severity\":\"high\"}}}}");
        }

        json.Append("],\"pad\":\"");
        json.Append('x', BodyLength - json.Length - 2).Append("\"}");
        var body = Encoding.UTF8.GetBytes(json.ToString());
        if (body.Length != BodyLength || Encoding.ASCII.GetString(body, NumberOffset, NumberLength) != "0000000000")
        {
            throw new InvalidOperationException("The body template is not 4096 bytes with the number where expected.");
        }

        return body;
    }
}
