using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// The <c>project</c> object of secret events: the union of the fields Infisical has sent. Each event fills only some;
/// the rest are <see langword="null"/>.
/// </summary>
public sealed class InfisicalProject
{
    /// <summary>The project id under its older name (the same value as <see cref="ProjectId"/>).</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>The project id.</summary>
    public string? ProjectId { get; set; }

    /// <summary>The project's display name.</summary>
    public string? ProjectName { get; set; }

    /// <summary>The environment's slug, such as <c>prod</c>.</summary>
    public string? Environment { get; set; }

    /// <summary>The environment's display name, such as <c>Production</c>.</summary>
    public string? EnvironmentName { get; set; }

    /// <summary>The folder path of the secrets, such as <c>/api</c>.</summary>
    public string? SecretPath { get; set; }

    /// <summary>The secret's key (reminders).</summary>
    public string? SecretName { get; set; }

    /// <summary>The secret's id (reminders).</summary>
    public string? SecretId { get; set; }

    /// <summary>The note written on the reminder.</summary>
    public string? ReminderNote { get; set; }

    /// <summary>Who made the change (a user's name or an identity's name).</summary>
    public string? ChangedBy { get; set; }

    /// <summary>What kind of actor made the change: see <see cref="InfisicalActorTypes"/>.</summary>
    public string? ChangedByActorType { get; set; }

    /// <summary>The rotation's name (rotation failures).</summary>
    public string? RotationName { get; set; }

    /// <summary>Why the rotation failed.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Whether someone started the failed rotation by hand.</summary>
    public bool? TriggeredManually { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
