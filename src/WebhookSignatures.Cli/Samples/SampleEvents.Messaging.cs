using System.Globalization;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;

namespace WebhookSignatures.Cli.Samples;

/// <summary>Slack, Discord, Zoom, Twitch and Twilio: each sender's events, and the handshakes all but Twilio make first.</summary>
internal static partial class SampleEvents
{
    /// <summary>Discord interactions: a slash command (<c>type</c> 2) and the PING (<c>type</c> 1) sent when the URL is saved.</summary>
    private static SampleEvent[] Discord() =>
    [
        new("APPLICATION_COMMAND", id => new(Utf8($$$"""{"app_permissions":"442368","application_id":"1234567890123456789","channel_id":"1100000000000000001","data":{"id":"1200000000000000001","name":"deploy","type":1,"options":[{"name":"service","type":3,"value":"payments"}]},"entitlements":[],"guild_id":"1000000000000000001","guild_locale":"en-US","id":"{{{Json(id)}}}","locale":"en-GB","member":{"user":{"id":"1300000000000000001","username":"ada","global_name":"Ada Lovelace"},"roles":[],"permissions":"442368"},"token":"aW50ZXJhY3Rpb246MTIzNDU2Nzg5MA","type":2,"version":1}"""), [])),
        new("PING", id => new(Utf8($$$"""{"app_permissions":"562949953601536","application_id":"1234567890123456789","entitlements":[],"id":"{{{Json(id)}}}","token":"aW50ZXJhY3Rpb246MTIzNDU2Nzg5MA","type":1,"user":{"id":"1300000000000000001","username":"ada","global_name":"Ada Lovelace"},"version":1}"""), [])) { IsHandshake = true },
    ];

    /// <summary>Events API deliveries (<c>event_callback</c> around the event) and the <c>url_verification</c> handshake.</summary>
    private static SampleEvent[] Slack() =>
    [
        new("app_mention", (id, at) => SlackCallback(id, at, $$$"""{"type":"app_mention","user":"U061F7AUR","text":"<@U0LAN0Z89> is the deploy done?","ts":"{{{SlackTs(at)}}}","channel":"C0LAN2Q65","event_ts":"{{{SlackTs(at)}}}"}""")),
        new("message", (id, at) => SlackCallback(id, at, $$$"""{"type":"message","channel":"C0LAN2Q65","user":"U061F7AUR","text":"Payments are back up.","ts":"{{{SlackTs(at)}}}","event_ts":"{{{SlackTs(at)}}}","channel_type":"channel"}""")),
        new("url_verification", id => new(Utf8($$$"""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"{{{Json(Challenge(id))}}}","type":"url_verification"}"""), [])) { IsHandshake = true },
    ];

    /// <summary>Meeting events and the <c>endpoint.url_validation</c> handshake, each with Zoom's <c>event_ts</c> in milliseconds.</summary>
    private static SampleEvent[] Zoom() =>
    [
        new("meeting.started", (id, at) => ZoomMeeting("meeting.started", id, at, $$$""","start_time":"{{{Iso(at)}}}" """)),
        new("meeting.ended", (id, at) => ZoomMeeting("meeting.ended", id, at, $$$""","start_time":"{{{Iso(at.AddHours(-1))}}}","end_time":"{{{Iso(at)}}}" """)),
        new("endpoint.url_validation", (id, at) => new(Utf8($$$"""{"payload":{"plainToken":"{{{Json(Challenge(id))}}}"},"event_ts":{{{Ms(at)}}},"event":"endpoint.url_validation"}"""), [])) { IsHandshake = true },
    ];

    /// <summary>EventSub notifications and the <c>webhook_callback_verification</c> challenge, told apart by the message type header.</summary>
    private static SampleEvent[] Twitch() =>
    [
        new("channel.follow", (id, at) => TwitchMessage("notification", "channel.follow", "2", id, at, $$$""","event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","followed_at":"{{{Iso(at)}}}"}""")),
        new("stream.online", (id, at) => TwitchMessage("notification", "stream.online", "1", id, at, $$$""","event":{"id":"9001","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","type":"live","started_at":"{{{Iso(at)}}}"}""")),
        new(TwitchSignature.CallbackVerificationMessageType, (id, at) => TwitchMessage(TwitchSignature.CallbackVerificationMessageType, "channel.follow", "2", id, at, $$$""","challenge":"{{{Json(Challenge(id))}}}" """.TrimEnd())) { IsHandshake = true },
    ];

    /// <summary>Twilio posts a form: an incoming SMS to the number's webhook, and a message's status callback.</summary>
    private static SampleEvent[] Twilio() =>
    [
        new("incoming-sms", id => TwilioForm(id, $"ToCountry=US&ToState=CA&SmsMessageSid=SM{Form(id)}&NumMedia=0&ToCity=&FromZip=94105&SmsSid=SM{Form(id)}&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO&Body=Is+my+order+on+its+way%3F&FromCountry=US&To=%2B15559870000&ToZip=&NumSegments=1&MessageSid=SM{Form(id)}&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B15551230000&ApiVersion=2010-04-01")),
        new("message-status", id => TwilioForm(id, $"SmsSid=SM{Form(id)}&SmsStatus=delivered&MessageStatus=delivered&To=%2B15551230000&MessageSid=SM{Form(id)}&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B15559870000&ApiVersion=2010-04-01")),
    ];

    private static SampleDelivery SlackCallback(string id, DateTimeOffset at, string innerEvent) => new(
        Utf8($$$"""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T061EG9R6","api_app_id":"A0MDYCDME","event":{{{innerEvent}}},"type":"event_callback","event_id":"{{{Json(WithPrefix("Ev", id))}}}","event_time":{{{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}},"authorizations":[{"enterprise_id":null,"team_id":"T061EG9R6","user_id":"U0LAN0Z89","is_bot":true,"is_enterprise_install":false}],"is_ext_shared_channel":false,"event_context":"4-eyJldCI6ImFwcF9tZW50aW9uIn0"}"""),
        []);

    private static SampleDelivery ZoomMeeting(string eventName, string id, DateTimeOffset at, string times) => new(
        Utf8($$$$"""{"event":"{{{{eventName}}}}","event_ts":{{{{Ms(at)}}}},"payload":{"account_id":"AAAAAABBBB","object":{"id":"85746065432","uuid":"{{{{Json(id)}}}}","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"Payments stand-up","type":2,"timezone":"Europe/Berlin","duration":30{{{{times.TrimEnd()}}}}}}}"""),
        []);

    private static SampleDelivery TwitchMessage(string messageType, string subscriptionType, string version, string id, DateTimeOffset at, string rest)
    {
        var status = messageType == TwitchSignature.CallbackVerificationMessageType ? "webhook_callback_verification_pending" : "enabled";
        var body = $$$"""{"subscription":{"id":"{{{Json(id)}}}","type":"{{{subscriptionType}}}","version":"{{{version}}}","status":"{{{status}}}","cost":0,"condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/twitch"},"created_at":"{{{Iso(at.AddDays(-1))}}}"}{{{rest}}}}""";
        return new(Utf8(body), [
            new(TwitchSignature.MessageTypeHeaderName, messageType),
            new(TwitchSignature.SubscriptionTypeHeaderName, subscriptionType),
            new("Twitch-Eventsub-Subscription-Version", version),
            new("Twitch-Eventsub-Message-Retry", "0"),
        ]);
    }

    private static SampleDelivery TwilioForm(string id, string form) => new(
        Utf8(form),
        [new("Content-Type", "application/x-www-form-urlencoded"), new(TwilioSignature.IdempotencyTokenHeaderName, id)]);

    /// <summary>A challenge that differs per delivery, so a receiver that echoes a fixed string is caught.</summary>
    private static string Challenge(string id) => "challenge-" + id;

    private static string SlackTs(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeSeconds()}.{at.Millisecond:D3}100");

    private static string Form(string text) => Uri.EscapeDataString(text);

    private static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
