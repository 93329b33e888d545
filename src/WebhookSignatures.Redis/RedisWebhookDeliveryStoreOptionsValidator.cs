using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>Fails the application's start on options the store cannot work with, saying which and why.</summary>
internal sealed class RedisWebhookDeliveryStoreOptionsValidator : IValidateOptions<RedisWebhookDeliveryStoreOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(int.MaxValue);

    public ValidateOptionsResult Validate(string? name, RedisWebhookDeliveryStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.KeyPrefix is null)
        {
            failures.Add("KeyPrefix is null; use an empty string for no prefix.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > Longest)
        {
            failures.Add("ConnectTimeout must be positive and at most int.MaxValue milliseconds.");
        }

        if (options.OperationTimeout <= TimeSpan.Zero || options.OperationTimeout > Longest)
        {
            failures.Add("OperationTimeout must be positive and at most int.MaxValue milliseconds.");
        }

        if (!Enum.IsDefined(options.AcceptedDurability))
        {
            failures.Add("AcceptedDurability is not one of MayForgetOnRestart, SurvivesRestart, SurvivesFailover.");
        }

        if (options.ReplicatedCompletionReplicas < 0)
        {
            failures.Add("ReplicatedCompletionReplicas must be 0 (off) or more.");
        }

        if (options.ReplicatedCompletionReplicas > 0)
        {
            if (options.ReplicatedCompletionWait <= TimeSpan.Zero || options.ReplicatedCompletionWait > Longest)
            {
                failures.Add("ReplicatedCompletionWait must be positive and at most int.MaxValue milliseconds.");
            }

            if (options.ReplicatedCompletionConnections is < 1 or > 256)
            {
                failures.Add("ReplicatedCompletionConnections must be from 1 to 256.");
            }

            if (string.IsNullOrEmpty(options.Configuration))
            {
                failures.Add("ReplicatedCompletionReplicas needs Configuration: the writes that wait for replicas go over connections the store opens, so that WAIT never holds up the application's own.");
            }
        }

        if (options.AcceptedDurability == RedisDeliveryStoreDurability.SurvivesFailover && options.ReplicatedCompletionReplicas == 0)
        {
            failures.Add("AcceptedDurability SurvivesFailover needs ReplicatedCompletionReplicas of 1 or more.");
        }

        if (!string.IsNullOrEmpty(options.Configuration))
        {
            if (RedisConfigurationCredentials.SplitCredential(options.Configuration))
            {
                failures.Add("Configuration has a part right after the password or user name that is neither an option (key=value) nor host:port: "
                    + "StackExchange.Redis cannot read a comma in a password, and would take the rest of it for a host name. Use a password without commas.");
            }

            try
            {
                if (ConfigurationOptions.Parse(options.Configuration).EndPoints.Count == 0)
                {
                    failures.Add("Configuration names no Redis endpoint (host:port).");
                }
            }
            catch (ArgumentException exception)
            {
                // The parser quotes the keyword and value it could not read; with a password holding a comma, those are
                // the password's own characters, so a string with credentials gets no quote at all.
                failures.Add(RedisConfigurationCredentials.AreIn(options.Configuration)
                    ? "Configuration is not a StackExchange.Redis configuration string (the client's message is not repeated, as the string holds a password or user name: check each option, and that the password holds no comma)."
                    : $"Configuration is not a StackExchange.Redis configuration string: {exception.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
