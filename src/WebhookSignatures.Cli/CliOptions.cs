using System.CommandLine;

namespace WebhookSignatures.Cli;

/// <summary>Creates the options that several commands share, so their names and help read the same everywhere.</summary>
internal static class CliOptions
{
    /// <summary>The widest replay window <c>listen</c> takes, the ASP.NET Core registrations' own limit: one day.</summary>
    public static readonly TimeSpan MaxTolerance = TimeSpan.FromDays(1);

    /// <summary><c>--scheme</c>, taking the names of the catalog's schemes that sign (<see cref="ToolCatalog.AcceptedNames"/>).</summary>
    public static Option<string> Scheme(WebhookSchemeCatalog schemes, bool required = true)
    {
        var names = schemes.AcceptedNames();
        var option = new Option<string>("--scheme")
        {
            Description = $"The signature scheme: {string.Join(", ", names)}.",
            Required = required,
            HelpName = "name",
        };
        option.AcceptOnlyFromAmong([.. names]);
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
