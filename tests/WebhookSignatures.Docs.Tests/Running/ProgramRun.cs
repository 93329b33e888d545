using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// A documented whole program running in the test's process, on a thread of its own, with the command-line arguments
/// a reader would pass. A web application is caught as it builds its host (<see cref="HostingEvents"/>): its logs go to
/// <see cref="Log"/> instead of the console, Kestrel listens where <c>--urls</c> says (a loopback port the system
/// picks), and disposing the run stops the application and waits for its program to end. Every wait is bounded by
/// <see cref="Limit"/>, a generous bound against a hang, never a measure of speed.
/// </summary>
internal sealed class ProgramRun : IAsyncDisposable
{
    /// <summary>How long a program may take to start or to stop before the run fails.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly string _where;
    private readonly Action<IServiceCollection>? _services;
    private readonly TaskCompletionSource _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IReadOnlyList<string>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHostApplicationLifetime? _lifetime;

    private ProgramRun(string where, Action<IServiceCollection>? services)
    {
        _where = where;
        _services = services;
    }

    /// <summary>What the program logged.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>Completes when the program's entry point returns, faulted when it threw.</summary>
    public Task Exited => _exited.Task;

    /// <summary>
    /// Starts the compiled program's entry point with <paramref name="args"/>. For a web application, give
    /// <c>--urls=http://127.0.0.1:0</c> among them and await <see cref="ListeningAsync"/>.
    /// </summary>
    /// <param name="code">The compiled block.</param>
    /// <param name="args">The command line.</param>
    /// <param name="services">Changes to the application's services, made after its own (a web application only).</param>
    public static ProgramRun Start(CompiledCode code, IReadOnlyList<string> args, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var image = code.Image ?? throw new InvalidOperationException($"{code.Where} does not compile:\n{string.Join('\n', code.Errors)}");
        var run = new ProgramRun(code.Where, services);

        // A context of its own per run: several examples' assemblies side by side, the libraries shared from the test's.
        var context = new AssemblyLoadContext($"docs {code.Where}");
        var assembly = context.LoadFromStream(new MemoryStream(image));
        var entryPoint = assembly.EntryPoint ?? throw new InvalidOperationException($"{code.Where} is not a program.");
        string[] arguments = [$"--applicationName={assembly.GetName().Name}", .. args];

        var thread = new Thread(() =>
        {
            HostingEvents.Current = run;

            // MVC finds controllers by loading the application's assembly by name: in this run's context.
            using var reflection = context.EnterContextualReflection();
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [arguments]);
                run._exited.TrySetResult();
            }
            catch (TargetInvocationException exception)
            {
                run._exited.TrySetException(exception.InnerException ?? exception);
            }
#pragma warning disable CA1031 // Whatever the program throws is the run's result, reported by whoever awaits it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                run._exited.TrySetException(exception);
            }
            finally
            {
                // Whoever waits for these learns from Exited why they never came.
                run._built.TrySetCanceled();
                run._started.TrySetCanceled();
            }
        })
        {
            IsBackground = true,
            Name = $"docs example {code.Where}",
        };
        thread.Start();
        return run;
    }

    /// <summary>Waits until the web application has started, and returns the loopback address it listens on.</summary>
    /// <exception cref="InvalidOperationException">The program ended, threw or did not start within <see cref="Limit"/>.</exception>
    public async Task<Uri> ListeningAsync()
    {
        await WithinLimit(_built.Task, "build its host").ConfigureAwait(false);
        var addresses = await WithinLimit(_started.Task, "start").ConfigureAwait(false);
        return addresses.Select(a => new Uri(a)).FirstOrDefault(a => a.IsLoopback)
            ?? throw new InvalidOperationException($"{_where} listens on no loopback address ({string.Join(", ", addresses)}).");
    }

    /// <summary>Waits until the program ends by itself (a program that is not a server).</summary>
    /// <exception cref="InvalidOperationException">It did not end within <see cref="Limit"/>.</exception>
    public Task EndedAsync() => WithinLimit(Exited, "end");

    /// <summary>
    /// Stops a web application and waits for its program to end. What the program threw is left in <see cref="Exited"/>:
    /// a test that got this far has reported what mattered.
    /// </summary>
    /// <exception cref="InvalidOperationException">The program did not end within <see cref="Limit"/>.</exception>
    public async ValueTask DisposeAsync()
    {
        if (_lifetime is not null && !Exited.IsCompleted)
        {
            _lifetime.StopApplication();
        }

        using var limit = new CancellationTokenSource();
        if (await Task.WhenAny(Exited, Task.Delay(Limit, limit.Token)).ConfigureAwait(false) != Exited)
        {
            throw new InvalidOperationException($"{_where} did not stop within {Limit.TotalSeconds} s.\nIts log:\n{Log}");
        }

        await limit.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Called on the program's thread as its host is being built: the test's changes come after the program's own.</summary>
    internal void OnHostBuilding(IHostBuilder builder) => builder.ConfigureServices(services =>
    {
        // The program's log goes to the run, not to the console of the test process.
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(Log);
        _services?.Invoke(services);
    });

    /// <summary>Called on the program's thread once its host is built, before the program starts it.</summary>
    internal void OnHostBuilt(IHost host)
    {
        _lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        _lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            _started.TrySetResult([.. addresses ?? []]);
        });
        _built.TrySetResult();
    }

    private async Task WithinLimit(Task task, string what)
    {
        using var limit = new CancellationTokenSource();
        await Task.WhenAny(task, Exited, Task.Delay(Limit, limit.Token)).ConfigureAwait(false);
        await limit.CancelAsync().ConfigureAwait(false);
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        if (Exited.IsCompleted)
        {
            var thrown = Exited.Exception?.InnerException;
            var ended = thrown is null ? "ended" : $"threw {thrown.GetType().Name}: {thrown.Message}";
            throw new InvalidOperationException($"{_where} {ended} before it could {what}.\nIts log:\n{Log}", thrown);
        }

        if (task.IsFaulted)
        {
            await task.ConfigureAwait(false);
        }

        throw new InvalidOperationException($"{_where} did not {what} within {Limit.TotalSeconds} s.\nIts log:\n{Log}");
    }

    private async Task<T> WithinLimit<T>(Task<T> task, string what)
    {
        await WithinLimit((Task)task, what).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }
}
