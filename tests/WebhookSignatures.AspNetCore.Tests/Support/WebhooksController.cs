using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>The MVC shape's endpoints.</summary>
[ApiController]
public sealed class WebhooksController : ControllerBase
{
    [HttpPost("/hooks/infisical")]
    [RequireWebhookSignature("infisical")]
    public async Task<IActionResult> Infisical() => Content(await Echo.DescribeAsync(HttpContext));

    [HttpPost("/hooks/snyk")]
    [RequireWebhookSignature("snyk")]
    public async Task<IActionResult> Snyk() => Content(await Echo.DescribeAsync(HttpContext));

    [HttpPost("/hooks/github")]
    [RequireWebhookSignature("github")]
    public async Task<IActionResult> GitHub() => Content(await Echo.DescribeAsync(HttpContext));

    [HttpPost("/open")]
    public async Task<IActionResult> Open() => Content(await Echo.DescribeAsync(HttpContext));

    /// <summary>Model binding from the verified body.</summary>
    [HttpPost("/bound/snyk")]
    [RequireWebhookSignature("snyk")]
    public IActionResult Bound([FromBody] JsonElement body) => Content(body.GetProperty("webhookId").GetString() ?? string.Empty);
}
