using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Hub = WebhookSignatures.Schemes.Hub.HubSignature;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Benchmarks;

/// <summary>Verifying one delivery, against the cost of the HMAC it cannot avoid.</summary>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private const string Secret = "benchmark-secret-0123456789abcdef";

    private static readonly WebhookRequestTarget HubSpotTarget = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/webhooks/hubspot?portal=62515"));

    private readonly InfisicalSignature _infisical = new(new WebhookSchemeOptions { Tolerance = TimeSpan.FromDays(3650) });
    private readonly HubSpotSignature _hubSpot = new(new WebhookSchemeOptions { Tolerance = TimeSpan.FromDays(3650) });
    private WebhookHeaders _hubSpotHeaders = new();
    private WebhookHeaders _hubHeaders = new();
    private WebhookHeaders _infisicalHeaders = new();
    private KeyRing _keys = KeyRing.Empty;
    private byte[] _key = [];
    private byte[] _hubBody = [];
    private string _hubHeader = string.Empty;
    private byte[] _infisicalBody = [];
    private string _bodyText = string.Empty;
    private string _stripeHeader = string.Empty;
    private long _stripeTimestamp;
    private readonly DiscordSignature _discord = new(new WebhookSchemeOptions { Tolerance = TimeSpan.FromDays(3650) });
    private KeyRing _discordKeys = KeyRing.Empty;
    private WebhookHeaders _discordHeaders = [];
    private byte[] _discordMessage = [];
    private byte[] _discordSignature = [];
    private byte[] _discordPublicKey = [];

    [Params(1024, 65536, 1048576)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = KeyRing.FromSecrets(Secret);
        _key = System.Text.Encoding.UTF8.GetBytes(Secret);
        _hubBody = Payloads.Json(PayloadSize);
        _hubHeader = Hub.CreateSignatureHeader(_hubBody, _key);
        _hubHeaders = new WebhookHeaders { { SnykSignature.SignatureHeaderName, _hubHeader } };

        // Infisical appends ,"timestamp":<ms>; trim the padding by that much so the signed body is PayloadSize bytes too.
        var now = DateTimeOffset.UtcNow;
        var member = $",\"timestamp\":{now.ToUnixTimeMilliseconds()}".Length;
        var signed = _infisical.Sign(Payloads.Json(PayloadSize - member), _keys, new() { Timestamp = now });
        _infisicalBody = signed.Body.ToArray();
        _infisicalHeaders = signed.Headers;

        // HubSpot signs the request line as well: method, URL, body and timestamp.
        _hubSpotHeaders = _hubSpot.Sign(_hubBody, _keys, new() { Target = HubSpotTarget, Timestamp = now }).Headers;

        // The peers take the body as a string: decode it once here, outside the measurement.
        _bodyText = System.Text.Encoding.UTF8.GetString(_hubBody);
        _stripeTimestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stripeMac = HMACSHA256.HashData(_key, System.Text.Encoding.UTF8.GetBytes($"{_stripeTimestamp}.{_bodyText}"));
        _stripeHeader = $"t={_stripeTimestamp},v1={Convert.ToHexStringLower(stripeMac)}";

        // Discord signs <timestamp><body>; the raw primitive verifies exactly those bytes.
        var privateKey = DiscordSignature.GeneratePrivateKey();
        using (var signing = _discord.CreateKeyRing([privateKey]))
        {
            var signedDiscord = _discord.Sign(_hubBody, signing, new() { Timestamp = now });
            _discordHeaders = signedDiscord.Headers;
        }

        _discordKeys = _discord.CreateKeyRing([privateKey[(2 * IEd25519.SeedLength)..]]);
        _discordPublicKey = Convert.FromHexString(privateKey[(2 * IEd25519.SeedLength)..]);
        _discordSignature = Convert.FromHexString(_discordHeaders.GetValue(DiscordSignature.SignatureHeaderName)!);
        _discordMessage = [.. System.Text.Encoding.ASCII.GetBytes(_discordHeaders.GetValue(DiscordSignature.TimestampHeaderName)!), .. _hubBody];

        if (_infisicalBody.Length != PayloadSize || !Infisical() || !HubSignature() || !HubSignatureWithIdentity() || !HubSpot() || !Octokit() || !RawEd25519() || !Discord())
        {
            throw new InvalidOperationException("A benchmark delivery does not verify.");
        }

        StripeNet();
    }

    [Benchmark(Baseline = true)]
    public int RawHmacSha256()
    {
        Span<byte> mac = stackalloc byte[32];
        return HMACSHA256.HashData(_key, _hubBody, mac);
    }

    [Benchmark]
    public bool Infisical() => _infisical.Verify(new(_infisicalHeaders, _infisicalBody), _keys).IsValid;

    [Benchmark]
    public bool HubSignature() => SnykSignature.Default.Verify(new(_hubHeaders, _hubBody), _keys).IsValid;

    /// <summary>The same, reading the identity too: a SHA-256 of what the MAC covered, as exactly-once handling asks.</summary>
    [Benchmark]
    public bool HubSignatureWithIdentity() => !SnykSignature.Default.Verify(new(_hubHeaders, _hubBody), _keys, WebhookReadParts.Identity).Identity.IsEmpty;

    [Benchmark]
    public bool HubSpot() => _hubSpot.Verify(new(_hubSpotHeaders, _hubBody, HubSpotTarget), _keys).IsValid;

    /// <summary>The Ed25519 primitive alone over Discord's signed bytes: the floor for an asymmetric scheme.</summary>
    [Benchmark]
    public bool RawEd25519() => WebhookEd25519.Instance.Verify(_discordPublicKey, _discordMessage, _discordSignature);

    /// <summary>A Discord interaction through the scheme: headers, hex, the joined message, the window.</summary>
    [Benchmark]
    public bool Discord() => _discord.Verify(new(_discordHeaders, _hubBody), _discordKeys).IsValid;

    /// <summary>Stripe.net's verifier for a timestamped scheme (throws on failure).</summary>
    [Benchmark]
    public void StripeNet() => Stripe.EventUtility.ValidateSignature(_bodyText, _stripeHeader, Secret, 300, _stripeTimestamp);

    /// <summary>Octokit.Webhooks' hub-signature verifier, given the body bytes.</summary>
    [Benchmark]
    public bool Octokit() =>
        global::Octokit.Webhooks.WebhookSignatureValidator.Verify(_hubHeader, Secret, _hubBody) == global::Octokit.Webhooks.WebhookSignatureValidationResult.Valid;
}
