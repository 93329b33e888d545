using System.CommandLine;

namespace WebhookSignatures.Cli;

/// <summary>Creates the options that several commands share, so their names and help read the same everywhere.</summary>
internal static class CliOptions
{
    public static Option<string> Scheme()
    {
        var option = new Option<string>("--scheme")
        {
            Description = $"The signature scheme: {string.Join(", ", SchemeTable.Names)}.",
            Required = true,
            HelpName = "name",
        };
        option.AcceptOnlyFromAmong([.. SchemeTable.Names]);
        return option;
    }

    public static Option<string[]> Secrets(string description) => new("--secret")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "secret",
    };

    public static Option<string[]> SecretEnvironmentVariables() => new("--secret-env")
    {
        Description = "Reads a secret from this environment variable, keeping it out of shell history (repeatable; after any --secret).",
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "VAR",
    };

    public static Option<string> BodyFile(bool required) => new("--body-file")
    {
        Description = "The body as raw bytes, from this file, or '-' for standard input.",
        Required = required,
        HelpName = "path|-",
    };

    public static Option<bool> Json(string description) => new("--json") { Description = description };

    public static Option<double?> Tolerance() => new("--tolerance")
    {
        Description = "The replay window on either side of now, in seconds (default 300).",
        HelpName = "seconds",
    };
}
