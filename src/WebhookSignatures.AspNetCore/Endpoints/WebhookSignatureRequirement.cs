namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The one registration an endpoint's signature metadata requires, read from all of it: a route group's requirement
/// and an endpoint's own are both enforced, so they must name the same registration. Requirements that name several
/// registrations are a configuration error, never "the last one wins".
/// </summary>
internal readonly record struct WebhookSignatureRequirement(string? RegistrationName, string? Problem)
{
    public bool IsRequired => RegistrationName is not null || Problem is not null;

    public static WebhookSignatureRequirement From(IEnumerable<object> metadata)
    {
        string? name = null;
        List<string>? others = null;
        foreach (var item in metadata)
        {
            if (item is not IWebhookSignatureMetadata requirement)
            {
                continue;
            }

            if (name is null)
            {
                name = requirement.RegistrationName;
            }
            else if (!string.Equals(name, requirement.RegistrationName, StringComparison.Ordinal) && !(others ??= []).Contains(requirement.RegistrationName))
            {
                others.Add(requirement.RegistrationName);
            }
        }

        if (others is null)
        {
            return new(name, null);
        }

        var names = string.Join(", ", new[] { name! }.Concat(others).Select(n => $"'{n}'"));
        return new(null, $"it requires webhook signatures from several registrations ({names}), and a delivery is signed by one sender. "
            + "Require one registration per endpoint: move endpoints that need another one out of the route group, or register one scheme with all the secrets it accepts.");
    }
}
