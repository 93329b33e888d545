namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>honeyToken</c> object of a <c>honey-token.triggered</c> event.</summary>
public sealed class InfisicalHoneyToken
{
    /// <summary>The honey token's name.</summary>
    public string? Name { get; set; }

    /// <summary>The cloud API call made with the token, such as <c>GetCallerIdentity</c>.</summary>
    public string? EventName { get; set; }

    /// <summary>The address the call came from.</summary>
    public string? SourceIp { get; set; }

    /// <summary>The AWS region the call was made in.</summary>
    public string? AwsRegion { get; set; }
}
