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

        if (!string.IsNullOrEmpty(options.Configuration))
        {
            try
            {
                if (ConfigurationOptions.Parse(options.Configuration).EndPoints.Count == 0)
                {
                    failures.Add("Configuration names no Redis endpoint (host:port).");
                }
            }
            catch (ArgumentException exception)
            {
                // The parser names the keyword it did not understand, never the password.
                failures.Add($"Configuration is not a StackExchange.Redis configuration string: {exception.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
