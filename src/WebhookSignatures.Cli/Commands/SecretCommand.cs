using System.CommandLine;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Commands;

/// <summary>
/// <c>webhooksig secret</c>: makes a new secret in the scheme's own form, or an Ed25519 key pair where the scheme signs
/// with one. The one command whose output is a secret; <c>--out</c> writes it to an owner-only file instead.
/// </summary>
internal static class SecretCommand
{
    public const string Example = """
        webhooksig secret --scheme standard-webhooks --out webhook-secret.txt
        webhooksig secret --scheme discord --out discord-private.key   # prints the public key
        """;

    public static Command Create(CliContext context)
    {
        var scheme = CliOptions.Scheme(context.Schemes);
        var keyPair = new Option<bool>("--key-pair")
        {
            Description = "Makes an Ed25519 key pair instead of a shared secret (standard-webhooks: whsk_/whpk_ for v1a; discord always makes one).",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Writes the secret (or the private key) to this new file, readable by its owner only, instead of printing it; a key pair's public key is printed.",
            HelpName = "path",
        };
        var force = new Option<bool>("--force") { Description = "Replaces the --out file if it exists (with a new owner-only file)." };

        var command = new Command("secret", """
            Makes a new secret in the scheme's own form from a cryptographic random source (whsec_ and 32 random bytes
            for standard-webhooks, 32 random bytes as URL-safe base64 for the others), or an Ed25519 key pair.
            This is the one command whose output is a secret: use --out to keep it off the screen and out of logs.
            """)
        {
            scheme, keyPair, output, force,
        };

        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            var name = parse.GetRequiredValue(scheme);
            var descriptor = context.Schemes.Get(name);
            var path = parse.GetValue(output);
            if (parse.GetValue(force) && path is null)
            {
                throw new UsageException("--force replaces the --out file; give --out too.");
            }

            if (parse.GetValue(keyPair) && !descriptor.CanGenerateKeyPair)
            {
                throw new UsageException($"The {name} scheme signs with a shared secret; it has no key pairs. Drop --key-pair.");
            }

            if (parse.GetValue(keyPair) || SignsWithPrivateKey(descriptor))
            {
                var pair = descriptor.GenerateKeyPair();
                if (path is null)
                {
                    await context.Out.WriteLineAsync($"private key: {pair.PrivateKey}").ConfigureAwait(false);
                    await context.Out.WriteLineAsync($"public key: {pair.PublicKey}").ConfigureAwait(false);
                    return ExitCodes.Valid;
                }

                OwnerOnlyFile.Write(path, pair.PrivateKey, parse.GetValue(force));
                await context.Error.WriteLineAsync($"wrote a new {name} private key to {TerminalText.Escape(path)} (readable by its owner only); its public key, for receivers:").ConfigureAwait(false);
                await context.Out.WriteLineAsync(pair.PublicKey).ConfigureAwait(false);
                return ExitCodes.Valid;
            }

            var secret = descriptor.GenerateSecret();
            if (path is null)
            {
                await context.Out.WriteLineAsync(secret).ConfigureAwait(false);
                return ExitCodes.Valid;
            }

            OwnerOnlyFile.Write(path, secret, parse.GetValue(force));
            await context.Error.WriteLineAsync($"wrote a new {name} secret to {TerminalText.Escape(path)} (readable by its owner only).").ConfigureAwait(false);
            return ExitCodes.Valid;
        }));
        return command;
    }

    /// <summary>Whether the scheme's own secret is a private key (Discord), as its key ring reads it: then the pair is what to make.</summary>
    private static bool SignsWithPrivateKey(WebhookSchemeDescriptor descriptor)
    {
        if (!descriptor.CanGenerateKeyPair)
        {
            return false;
        }

        using var ring = descriptor.Default.CreateKeyRing([descriptor.GenerateSecret()]);
        return ring.GetKind(0) == WebhookKeyKind.Ed25519PrivateKey;
    }
}
