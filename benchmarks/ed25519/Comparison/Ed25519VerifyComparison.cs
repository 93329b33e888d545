using BenchmarkDotNet.Attributes;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;
using Sodium = NSec.Cryptography;

namespace WebhookSignatures.Ed25519Comparison;

/// <summary>One Ed25519 verification of a webhook-sized message by each candidate library.</summary>
[MemoryDiagnoser]
public class Ed25519VerifyComparison
{
    private readonly Sodium.SignatureAlgorithm _nsec = Sodium.SignatureAlgorithm.Ed25519;
    private Sodium.PublicKey? _nsecKey;
    private byte[] _publicKey = [];
    private byte[] _message = [];
    private byte[] _signature = [];
    private BcEd25519.PublicPoint? _bcPoint;

    [Params(1024, 65536)]
    public int MessageSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = new byte[MessageSize];
        new Random(42).NextBytes(_message);
        var seed = new byte[BcEd25519.SecretKeySize];
        new Random(7).NextBytes(seed);
        _publicKey = new byte[BcEd25519.PublicKeySize];
        BcEd25519.GeneratePublicKey(seed, 0, _publicKey, 0);
        _signature = new byte[BcEd25519.SignatureSize];
        BcEd25519.Sign(seed, 0, _message, 0, _message.Length, _signature, 0);
        _nsecKey = Sodium.PublicKey.Import(_nsec, _publicKey, Sodium.KeyBlobFormat.RawPublicKey);
        _bcPoint = BcEd25519.ValidatePublicKeyFullExport(_publicKey, 0);
        if (!NSec() || !BouncyCastle() || !BouncyCastlePrecomputedPoint())
        {
            throw new InvalidOperationException("A library does not verify the signature.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool NSec() => _nsec.Verify(_nsecKey!, _message, _signature);

    [Benchmark]
    public bool BouncyCastle() => BcEd25519.Verify(_signature, 0, _publicKey, 0, _message, 0, _message.Length);

    /// <summary>BouncyCastle with the public key decoded once, as a key ring can keep it.</summary>
    [Benchmark]
    public bool BouncyCastlePrecomputedPoint() => BcEd25519.Verify(_signature, 0, _bcPoint!, _message, 0, _message.Length);
}
