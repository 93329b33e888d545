using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>A Slack message attachment: a colour bar and a list of fields.</summary>
public sealed class InfisicalSlackAttachment
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalSlackAttachment()
    {
    }

    /// <summary>The bar colour, such as <c>#E7F256</c>.</summary>
    [JsonInclude]
    public string? Color { get; internal set; }

    /// <summary>The fields, such as Project, Environment and Secret Path.</summary>
    [JsonInclude]
    public IReadOnlyList<InfisicalSlackField>? Fields { get; internal set; }
}
