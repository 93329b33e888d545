using Microsoft.Extensions.Configuration;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>An in-memory configuration whose whole content can be replaced, raising a reload like a changed file.</summary>
public sealed class ReloadableConfiguration : ConfigurationProvider, IConfigurationSource
{
    public ReloadableConfiguration(IDictionary<string, string?> values) => Replace(values, raise: false);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Replace(IDictionary<string, string?> values) => Replace(values, raise: true);

    private void Replace(IDictionary<string, string?> values, bool raise)
    {
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        if (raise)
        {
            OnReload();
        }
    }
}
