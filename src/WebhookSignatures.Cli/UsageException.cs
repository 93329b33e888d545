namespace WebhookSignatures.Cli;

/// <summary>An input the command cannot use (a missing file, an unset variable); reported with exit code 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception; the message is shown to the user and must never contain a secret.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause; the message is shown to the user.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public UsageException()
        : base("The command line is not usable.")
    {
    }
}
