using System.Buffers;
using WebhookSignatures.AspNetCore;

// A minimal Kestrel receiver for load tests: one route verified as Snyk (X-Hub-Signature), one not.
// Arguments: --urls http://127.0.0.1:<port> --secret <secret> [--replay-protection false]
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var secret = builder.Configuration["secret"];
if (string.IsNullOrEmpty(secret))
{
    Console.Error.WriteLine("usage: --urls http://127.0.0.1:<port> --secret <secret> [--replay-protection false]");
    return 2;
}

var replayProtection = builder.Configuration.GetValue("replay-protection", true);
builder.Services.AddWebhookSignatures().AddSnyk("snyk", options =>
{
    options.Secrets.Add(secret);
    options.ReplayProtection.Enabled = replayProtection;
});

var app = builder.Build();
app.UseWebhookSignatures();
app.MapPost("/webhooks/snyk", ReadBodyAsync).RequireWebhookSignature("snyk");
app.MapPost("/unverified", ReadBodyAsync);
app.Run();
return 0;

// Both routes read the whole body, so the only difference between them is the verification.
static async Task ReadBodyAsync(HttpContext context)
{
    var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    try
    {
        while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false) > 0)
        {
        }
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
