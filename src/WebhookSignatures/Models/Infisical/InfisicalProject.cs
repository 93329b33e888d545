using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// The <c>project</c> object of secret events: the union of the fields Infisical has sent. Each event fills only some;
/// the rest are <see langword="null"/>.
/// </summary>
public sealed class InfisicalProject
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalProject()
    {
    }

    /// <summary>The project id under its older name (the same value as <see cref="ProjectId"/>).</summary>
    [JsonInclude]
    public string? WorkspaceId { get; internal set; }

    /// <summary>The project id.</summary>
    [JsonInclude]
    public string? ProjectId { get; internal set; }

    /// <summary>The project's display name.</summary>
    [JsonInclude]
    public string? ProjectName { get; internal set; }

    /// <summary>The environment's slug, such as <c>prod</c>.</summary>
    [JsonInclude]
    public string? Environment { get; internal set; }

    /// <summary>The environment's display name, such as <c>Production</c>.</summary>
    [JsonInclude]
    public string? EnvironmentName { get; internal set; }

    /// <summary>The folder path of the secrets, such as <c>/api</c>.</summary>
    [JsonInclude]
    public string? SecretPath { get; internal set; }

    /// <summary>The secret's key (reminders).</summary>
    [JsonInclude]
    public string? SecretName { get; internal set; }

    /// <summary>The secret's id (reminders).</summary>
    [JsonInclude]
    public string? SecretId { get; internal set; }

    /// <summary>The note written on the reminder.</summary>
    [JsonInclude]
    public string? ReminderNote { get; internal set; }

    /// <summary>Who made the change (a user's name or an identity's name).</summary>
    [JsonInclude]
    public string? ChangedBy { get; internal set; }

    /// <summary>What kind of actor made the change: see <see cref="InfisicalActorTypes"/>.</summary>
    [JsonInclude]
    public string? ChangedByActorType { get; internal set; }

    /// <summary>The rotation's name (rotation failures).</summary>
    [JsonInclude]
    public string? RotationName { get; internal set; }

    /// <summary>Why the rotation failed.</summary>
    [JsonInclude]
    public string? ErrorMessage { get; internal set; }

    /// <summary>Whether someone started the failed rotation by hand.</summary>
    [JsonInclude]
    public bool? TriggeredManually { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
