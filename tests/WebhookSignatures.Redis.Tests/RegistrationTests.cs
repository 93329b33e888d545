using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>One line on the builder, one connection per application, and a start that refuses an unreachable Redis.</summary>
public sealed class RegistrationTests
{
    private const string Password = "correct-horse-battery-staple-7";

    [Fact]
    public async Task One_line_registers_the_redis_store_over_one_connection_it_owns()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore(o =>
        {
            o.Configuration = redis.Configuration;
            o.KeyPrefix = prefix;
        }));

        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();
        (await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);

        store.Should().BeOfType<RedisWebhookDeliveryStore>().And.BeSameAs(services.GetRequiredService<IWebhookDeliveryStore>());
        services.GetServices<IWebhookDeliveryStore>().Should().ContainSingle();
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be(token);
        var connection = await services.GetRequiredService<RedisDeliveryStoreConnection>().GetAsync(CancellationToken.None);
        connection.IsConnected.Should().BeTrue();
        var configuration = ConfigurationOptions.Parse(connection.Configuration);
        configuration.AbortOnConnectFail.Should().BeFalse("the connection keeps retrying after a failure");
        (configuration.ConnectTimeout, configuration.SyncTimeout, configuration.AsyncTimeout).Should().Be((1000, 1000, 1000));
        services.GetService<IConnectionMultiplexer>().Should().BeNull("the store's own connection is not offered as the application's");

        await services.DisposeAsync();
        connection.IsConnected.Should().BeFalse("the application's end closes the connection the store opened");
    }

    [Fact]
    public async Task Without_a_configuration_string_the_store_uses_the_applications_own_connection_and_leaves_it_open()
    {
        var redis = await SharedRedis.GetAsync();
        var prefix = SharedRedis.NewKeyPrefix();
        await using var own = await redis.ConnectAnotherAsync();
        var services = StoreServices.Build(
            b => b.AddRedisDeliveryStore(o => o.KeyPrefix = prefix),
            s => s.AddSingleton<IConnectionMultiplexer>(own));
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();

        await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None);

        (await services.GetRequiredService<RedisDeliveryStoreConnection>().GetAsync(CancellationToken.None)).Should().BeSameAs(own);
        ((string?)await redis.Database.StringGetAsync(Deliveries.RedisKeyOf(key, prefix))).Should().Be(token);
        await services.DisposeAsync();
        own.IsConnected.Should().BeTrue("the application owns its connection");
    }

    [Fact]
    public async Task The_overload_without_arguments_keys_deliveries_under_webhooksig()
    {
        var redis = await SharedRedis.GetAsync();
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore(), s => s.AddSingleton<IConnectionMultiplexer>(redis.Connection));
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();

        await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None);

        var redisKey = Deliveries.RedisKeyOf(key, "webhooksig:");
        ((string?)await redis.Database.StringGetAsync(redisKey)).Should().Be(token);
        await redis.Database.KeyDeleteAsync(redisKey);
    }

    [Fact]
    public async Task A_store_with_neither_a_configuration_nor_a_connection_says_what_is_missing()
    {
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore());

        FluentActions.Invoking(() => services.GetRequiredService<IWebhookDeliveryStore>())
            .Should().Throw<InvalidOperationException>().WithMessage("*set RedisWebhookDeliveryStoreOptions.Configuration*or register an IConnectionMultiplexer*");
    }

    [Fact]
    public async Task The_application_starts_when_redis_answers()
    {
        var redis = await SharedRedis.GetAsync();
        using var host = BuildHost(redis.Configuration);

        await host.StartAsync();

        host.Services.GetRequiredService<IWebhookDeliveryStore>().Should().BeOfType<RedisWebhookDeliveryStore>();
        await host.StopAsync();
    }

    [Fact]
    public async Task The_application_refuses_to_start_when_redis_cannot_be_reached_and_names_the_endpoint_without_the_password()
    {
        var port = FreePort.Next();
        using var host = BuildHost($"127.0.0.1:{port},password={Password}");

        var failure = await FluentActions.Awaiting(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<InvalidOperationException>();

        failure.Which.Message.Should().MatchRegex($@"^The webhook delivery store cannot reach Redis at 127\.0\.0\.1:{port}: UnableToConnect \(.+\)\. Start Redis or fix the configuration\.$");
        failure.Which.ToString().Should().NotContain(Password);
    }

    [Theory]
    [InlineData("operation", "OperationTimeout must be positive")]
    [InlineData("connect", "ConnectTimeout must be positive")]
    [InlineData("prefix", "KeyPrefix is null")]
    [InlineData("keyword", "Configuration is not a StackExchange.Redis configuration string*")]
    [InlineData("endpoint", "Configuration names no Redis endpoint*")]
    public async Task Options_the_store_cannot_work_with_fail_the_start_saying_which(string fault, string message)
    {
        var redis = await SharedRedis.GetAsync();
        using var host = BuildHost(redis.Configuration, o =>
        {
            switch (fault)
            {
                case "operation": o.OperationTimeout = TimeSpan.Zero; break;
                case "connect": o.ConnectTimeout = TimeSpan.FromMilliseconds(-1); break;
                case "prefix": o.KeyPrefix = null!; break;
                case "keyword": o.Configuration = $"127.0.0.1:6379,password={Password},notAnOption=1"; break;
                default: o.Configuration = $"password={Password}"; break;
            }
        });

        var failure = await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>();

        failure.Which.Failures.Should().ContainMatch(message + "*");
        failure.Which.ToString().Should().NotContain(Password);
    }

    private static IHost BuildHost(string configuration, Action<RedisWebhookDeliveryStoreOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddWebhookSignatures().AddRedisDeliveryStore(o =>
        {
            o.Configuration = configuration;
            o.KeyPrefix = SharedRedis.NewKeyPrefix();
            configure?.Invoke(o);
        });
        return builder.Build();
    }
}
