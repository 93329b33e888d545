using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>honeyToken</c> object of a <c>honey-token.triggered</c> event.</summary>
public sealed class InfisicalHoneyToken
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalHoneyToken()
    {
    }

    /// <summary>The honey token's name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The cloud API call made with the token, such as <c>GetCallerIdentity</c>.</summary>
    [JsonInclude]
    public string? EventName { get; internal set; }

    /// <summary>The address the call came from.</summary>
    [JsonInclude]
    public string? SourceIp { get; internal set; }

    /// <summary>The AWS region the call was made in.</summary>
    [JsonInclude]
    public string? AwsRegion { get; internal set; }
}
