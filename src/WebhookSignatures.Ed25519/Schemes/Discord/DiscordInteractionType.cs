using System.Globalization;

namespace WebhookSignatures.Schemes.Discord;

/// <summary>Reads the top-level <c>type</c> of an interaction body and names it as Discord's documentation does.</summary>
internal static class DiscordInteractionType
{
    /// <summary>The <c>type</c> of a PING, which Discord sends to check the endpoint.</summary>
    public const int Ping = 1;

    /// <summary>Discord's name for the body's interaction type; the number itself for a type without one; null when there is none.</summary>
    public static string? TryReadName(ReadOnlySpan<byte> body) => TopLevelJsonString.TryReadInt32(body, "type"u8) switch
    {
        null => null,
        Ping => "PING",
        2 => "APPLICATION_COMMAND",
        3 => "MESSAGE_COMPONENT",
        4 => "APPLICATION_COMMAND_AUTOCOMPLETE",
        5 => "MODAL_SUBMIT",
        { } other => other.ToString(CultureInfo.InvariantCulture),
    };
}
