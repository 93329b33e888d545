using System.CommandLine;

namespace WebhookSignatures.Cli;

/// <summary>Creates the options that several commands share, so their names and help read the same everywhere.</summary>
internal static class CliOptions
{
    /// <summary>
    /// The schemes the tool accepts, in the catalog's order: those that sign, as sign, send and demo need a signer.
    /// The tool never implements a scheme itself.
    /// </summary>
    public static IReadOnlyList<WebhookSchemeDescriptor> Schemes { get; } = [.. ToolCatalog.Schemes.All.Where(s => s.CanSign)];

    /// <summary>The widest replay window <c>listen</c> takes, the ASP.NET Core registrations' own limit: one day.</summary>
    public static readonly TimeSpan MaxTolerance = TimeSpan.FromDays(1);

    /// <summary>The names of <see cref="Schemes"/>, as <c>--scheme</c> takes them.</summary>
    public static IReadOnlyList<string> SchemeNames { get; } = [.. Schemes.Select(s => s.Name)];

    public static Option<string> Scheme(bool required = true)
    {
        var option = new Option<string>("--scheme")
        {
            Description = $"The signature scheme: {string.Join(", ", SchemeNames)}.",
            Required = required,
            HelpName = "name",
        };
        option.AcceptOnlyFromAmong([.. SchemeNames]);
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

    public static Option<string?> Url(string description) => new("--url")
    {
        Description = description,
        HelpName = "url",
    };

    public static Option<string> Method() => new("--method")
    {
        Description = "The HTTP method of the request, for schemes that sign the request line (default POST).",
        HelpName = "method",
        DefaultValueFactory = _ => "POST",
    };
}
