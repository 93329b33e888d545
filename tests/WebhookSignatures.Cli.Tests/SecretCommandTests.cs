using WebhookSignatures.Cli.Samples;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>webhooksig secret</c>: each scheme's new secret (or key pair) signs a delivery that the scheme then verifies, a
/// key pair's halves belong together, and <c>--out</c> writes an owner-only file it never overwrites unasked.
/// </summary>
public sealed class SecretCommandTests : IDisposable
{
    private static readonly Uri Receiver = new("https://hooks.example.com/in?tenant=acme");
    private readonly string _folder = Directory.CreateTempSubdirectory("webhooksig-secret-").FullName;

    public static TheoryData<string> Schemes => new(ToolCatalog.Schemes.AcceptedNames());

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Every_schemes_new_secret_signs_a_delivery_that_the_scheme_verifies(string name)
    {
        var outcome = await CliHarness.RunAsync(["secret", "--scheme", name]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        var (signing, verifying) = Read(outcome.Out);
        RoundTrip(name, signing, verifying).Should().BeTrue("a delivery signed with the new secret verifies");
        RoundTrip(name, signing, Read((await CliHarness.RunAsync(["secret", "--scheme", name])).Out).Verifying)
            .Should().BeFalse("another new secret does not verify it");
        using var ring = ToolCatalog.Schemes.Get(name).Default.CreateKeyRing([signing]);
        ring.EnsureStrong();
    }

    [Fact]
    public async Task A_standard_webhooks_secret_is_whsec_and_32_random_bytes()
    {
        var first = (await CliHarness.RunAsync(["secret", "--scheme", "standard-webhooks"])).Out.Trim();
        var second = (await CliHarness.RunAsync(["secret", "--scheme", "standard-webhooks"])).Out.Trim();

        first.Should().StartWith("whsec_");
        Convert.FromBase64String(first["whsec_".Length..]).Should().HaveCount(32);
        second.Should().NotBe(first);
    }

    [Theory]
    [InlineData("standard-webhooks", "--key-pair", "whsk_", "whpk_")]
    [InlineData("discord", "--key-pair", "", "")]
    [InlineData("discord", null, "", "")]
    public async Task A_key_pairs_halves_belong_together_and_the_public_half_alone_verifies(string name, string? flag, string privatePrefix, string publicPrefix)
    {
        var outcome = await CliHarness.RunAsync(flag is null ? ["secret", "--scheme", name] : ["secret", "--scheme", name, flag]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        var lines = outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        var privateKey = lines[0].Should().StartWith("private key: " + privatePrefix).And.Subject["private key: ".Length..];
        var publicKey = lines[1].Should().StartWith("public key: " + publicPrefix).And.Subject["public key: ".Length..];
        var (privateBytes, publicBytes) = name == "discord"
            ? (Convert.FromHexString(privateKey), Convert.FromHexString(publicKey))
            : (Convert.FromBase64String(privateKey[privatePrefix.Length..]), Convert.FromBase64String(publicKey[publicPrefix.Length..]));
        privateBytes.Should().HaveCount(IEd25519.PrivateKeyLength);
        var derived = new byte[IEd25519.PublicKeyLength];
        WebhookEd25519.Instance.DerivePublicKey(privateBytes.AsSpan(0, IEd25519.SeedLength), derived);
        publicBytes.Should().Equal(derived);
        RoundTrip(name, privateKey, publicKey).Should().BeTrue();
    }

    [Theory]
    [InlineData("github")]
    [InlineData("stripe")]
    public async Task A_key_pair_for_a_scheme_with_shared_secrets_is_a_usage_error(string name)
    {
        var outcome = await CliHarness.RunAsync(["secret", "--scheme", name, "--key-pair"]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("shared secret");
        outcome.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Out_writes_the_secret_to_an_owner_only_file_and_prints_nothing_of_it()
    {
        var path = Path.Combine(_folder, "github.secret");

        var outcome = await CliHarness.RunAsync(["secret", "--scheme", "github", "--out", path]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        var secret = File.ReadAllText(path).TrimEnd('\n');
        secret.Should().HaveLength(43);
        outcome.All.Should().NotContain(secret).And.Contain("owner only");
        ShouldBeOwnerOnly(path);
    }

    [Fact]
    public async Task Out_with_a_key_pair_keeps_the_private_key_in_the_file_and_prints_the_public_key()
    {
        var path = Path.Combine(_folder, "discord.key");

        var outcome = await CliHarness.RunAsync(["secret", "--scheme", "discord", "--out", path]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        var privateKey = File.ReadAllText(path).TrimEnd('\n');
        var publicKey = outcome.Out.Trim();
        privateKey.Should().HaveLength(128);
        publicKey.Should().HaveLength(64).And.Be(privateKey[64..]);
        outcome.All.Should().NotContain(privateKey[..64]);
        RoundTrip("discord", privateKey, publicKey).Should().BeTrue();
        ShouldBeOwnerOnly(path);
    }

    [Fact]
    public async Task An_existing_file_is_not_overwritten_unless_asked()
    {
        var path = Path.Combine(_folder, "existing.secret");
        File.WriteAllText(path, "keep me\n");

        var refused = await CliHarness.RunAsync(["secret", "--scheme", "github", "--out", path]);

        refused.ExitCode.Should().Be(2, refused.All);
        refused.Error.Should().Contain("exists").And.Contain("--force");
        refused.Out.Should().BeEmpty();
        File.ReadAllText(path).Should().Be("keep me\n");
    }

    [Fact]
    public async Task Force_replaces_a_file_with_a_new_owner_only_one_even_when_the_old_one_was_readable_by_all()
    {
        var path = Path.Combine(_folder, "shared.secret");
        File.WriteAllText(path, "old\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var outcome = await CliHarness.RunAsync(["secret", "--scheme", "standard-webhooks", "--out", path, "--force"]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        File.ReadAllText(path).Should().StartWith("whsec_");
        ShouldBeOwnerOnly(path);
        Directory.GetFiles(_folder).Should().ContainSingle("the temporary file is renamed over the old one");
    }

    [Fact]
    public async Task Force_without_out_is_a_usage_error()
    {
        var outcome = await CliHarness.RunAsync(["secret", "--scheme", "github", "--force"]);

        outcome.ExitCode.Should().Be(2);
        outcome.Out.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void ShouldBeOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The key that signs and the key that verifies: one secret for both, or a key pair's halves.</summary>
    private static (string Signing, string Verifying) Read(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 1
            ? (lines[0], lines[0])
            : (lines.Single(l => l.StartsWith("private key: ", StringComparison.Ordinal))["private key: ".Length..],
               lines.Single(l => l.StartsWith("public key: ", StringComparison.Ordinal))["public key: ".Length..]);
    }

    /// <summary>Signs the scheme's sample delivery with one key and verifies it, as the receiver would, with the other.</summary>
    private static bool RoundTrip(string name, string signingKey, string verifyingKey)
    {
        var scheme = ToolCatalog.Schemes.Get(name).Default;
        using var signing = scheme.CreateKeyRing([signingKey]);
        using var verifying = scheme.CreateKeyRing([verifyingKey]);
        var target = WebhookRequestTarget.Post(Receiver);
        var sample = SampleEvents.Default(name).Create(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
        var signed = scheme.Sign(sample.Body, signing, new WebhookSigningParameters { Target = target });
        var headers = new WebhookHeaders();
        foreach (var (header, value) in sample.HeadersWith(signed.Headers))
        {
            headers.Add(header, value);
        }

        return scheme.Verify(new WebhookDelivery(headers, signed.Body.Span, target), verifying).IsValid;
    }
}
