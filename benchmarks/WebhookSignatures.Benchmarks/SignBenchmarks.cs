using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using WebhookSignatures.Schemes.Infisical;
using Hub = WebhookSignatures.Schemes.Hub.HubSignature;

namespace WebhookSignatures.Benchmarks;

/// <summary>Signing one delivery, against the cost of the HMAC it cannot avoid.</summary>
[MemoryDiagnoser]
public class SignBenchmarks
{
    private const string Secret = "benchmark-secret-0123456789abcdef";

    private readonly InfisicalSignature _infisical = InfisicalSignature.Default;
    private KeyRing _keys = KeyRing.Empty;
    private byte[] _key = [];
    private byte[] _body = [];

    [Params(1024, 65536, 1048576)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = KeyRing.FromSecrets(Secret);
        _key = System.Text.Encoding.UTF8.GetBytes(Secret);
        _body = Payloads.Json(PayloadSize);
    }

    [Benchmark(Baseline = true)]
    public int RawHmacSha256()
    {
        Span<byte> mac = stackalloc byte[32];
        return HMACSHA256.HashData(_key, _body, mac);
    }

    /// <summary>Appends the timestamp (a copy of the body) and computes the header.</summary>
    [Benchmark]
    public SignedWebhook Infisical() => _infisical.Sign(_body, _keys);

    /// <summary>The header only: the body is sent as it is.</summary>
    [Benchmark]
    public string HubSignature() => Hub.CreateSignatureHeader(_body, _key);
}
