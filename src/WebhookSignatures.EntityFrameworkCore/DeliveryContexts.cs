using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// Where the store gets a context for one operation: the application's <see cref="IDbContextFactory{TContext}"/> when
/// it registered one (pooled or not), otherwise a scope of its own (<c>AddDbContext</c>, <c>AddDbContextPool</c>).
/// </summary>
internal sealed class DeliveryContexts<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] TContext>(IServiceProvider services)
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _factory = services.GetService<IDbContextFactory<TContext>>();

    public Lease Rent()
    {
        if (_factory is not null)
        {
            return new Lease(_factory.CreateDbContext(), null);
        }

        var scope = services.CreateAsyncScope();
        return new Lease(scope.ServiceProvider.GetRequiredService<TContext>(), scope);
    }

    /// <summary>A context for one operation, given back when disposed.</summary>
    public readonly struct Lease(TContext context, AsyncServiceScope? scope) : IAsyncDisposable
    {
        public TContext Context { get; } = context;

        public async ValueTask DisposeAsync()
        {
            if (scope is { } owned)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await Context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
