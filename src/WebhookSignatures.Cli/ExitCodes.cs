namespace WebhookSignatures.Cli;

/// <summary>The tool's exit codes: a contract that scripts rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The delivery verified, or the command did what was asked.</summary>
    public const int Valid = 0;

    /// <summary>The delivery did not verify, a delivery was refused, or a demo outcome differed.</summary>
    public const int Invalid = 1;

    /// <summary>The command line or its inputs (files, secrets, URLs) are unusable.</summary>
    public const int Usage = 2;
}
