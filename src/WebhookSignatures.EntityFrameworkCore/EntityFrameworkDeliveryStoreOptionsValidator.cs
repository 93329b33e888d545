using Microsoft.Extensions.Options;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>Refuses options the store cannot work with, at start-up.</summary>
internal sealed class EntityFrameworkDeliveryStoreOptionsValidator : IValidateOptions<EntityFrameworkDeliveryStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, EntityFrameworkDeliveryStoreOptions options)
    {
        var failures = new List<string>();
        if (options.OperationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"OperationTimeout must be positive; it is {options.OperationTimeout}.");
        }

        if (options.CleanupInterval < TimeSpan.Zero)
        {
            failures.Add($"CleanupInterval must be zero (no cleanup) or positive; it is {options.CleanupInterval}.");
        }

        if (options.CleanupBatchSize <= 0)
        {
            failures.Add($"CleanupBatchSize must be positive; it is {options.CleanupBatchSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
