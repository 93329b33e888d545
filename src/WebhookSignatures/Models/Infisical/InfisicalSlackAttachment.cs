namespace WebhookSignatures.Models.Infisical;

/// <summary>A Slack message attachment: a colour bar and a list of fields.</summary>
public sealed class InfisicalSlackAttachment
{
    /// <summary>The bar colour, such as <c>#E7F256</c>.</summary>
    public string? Color { get; set; }

    /// <summary>The fields, such as Project, Environment and Secret Path.</summary>
    public IReadOnlyList<InfisicalSlackField>? Fields { get; set; }
}
