using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Redis;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// A receiving example and the checks its <c>run:</c> comments describe: started in the test's process on Kestrel at a
/// loopback port, configured with keys made for the run (and the tests' Redis or a PostgreSQL database where it reads one), then sent every
/// check's deliveries. Each exchange is written to a transcript; each way the answer differs from the page is a failure.
/// </summary>
internal sealed class ReceivingExample
{
    private ReceivingExample(string where, IReadOnlyList<ReceivingCheck> checks)
    {
        Where = where;
        Checks = checks;
    }

    /// <summary>The block, as <c>file:line</c>.</summary>
    public string Where { get; }

    /// <summary>What to send, one per <c>run:</c> comment.</summary>
    public IReadOnlyList<ReceivingCheck> Checks { get; }

    /// <summary>Reads the checks of a block's comments.</summary>
    /// <exception cref="FormatException">A comment is malformed, or two checks give one secret to two schemes.</exception>
    public static ReceivingExample Of(string where, IEnumerable<string> notes)
    {
        var checks = notes.Where(RunAnnotation.IsOne).Select(RunAnnotation.Parse).Where(a => a.NotRunReason is null).Select(ReceivingCheck.From).ToList();
        foreach (var shared in checks.Where(c => c.SecretKey is not null).GroupBy(c => c.SecretKey))
        {
            if (shared.Select(c => c.Scheme).Distinct().Count() > 1)
            {
                throw new FormatException($"{where}: secret={shared.Key} is given to several schemes.");
            }
        }

        return new ReceivingExample(where, checks);
    }

    /// <summary>Starts the compiled example with a new key for each <c>secret=</c>.</summary>
    public async Task<StartedExample> StartAsync(CompiledCode code)
    {
        var keys = new Dictionary<string, ExampleKey>(StringComparer.Ordinal);
        var args = new List<string> { "--urls=http://127.0.0.1:0" };
        foreach (var check in Checks.Where(c => c.SecretKey is not null && c.Scheme is not null))
        {
            if (!keys.ContainsKey(check.SecretKey!))
            {
                var key = ExampleKey.For(check.Scheme!);
                keys.Add(check.SecretKey!, key);
                args.Add($"--{check.SecretKey}={key.ForReceiver}");
            }
        }

        args.AddRange(Checks.SelectMany(c => c.Configuration).Distinct(StringComparer.Ordinal).Select(setting => $"--{setting}"));

        Action<IServiceCollection>? services = null;
        if (Checks.Select(c => c.RedisKey).FirstOrDefault(k => k is not null) is { } redisKey)
        {
            var redis = await RedisServer.SharedAsync().ConfigureAwait(false);
            args.Add($"--{redisKey}={redis.Configuration}");

            // The example's keys under a prefix of the run's own, as every test keeps its Redis data apart.
            var prefix = RedisServer.NewKeyPrefix();
            services = s => s.PostConfigure<RedisWebhookDeliveryStoreOptions>(o => o.KeyPrefix = prefix);
        }

        // A database of the example's own on the tests' PostgreSQL, dropped when the example stops.
        PostgresDatabase? database = null;
        if (Checks.Select(c => c.PostgresKey).FirstOrDefault(k => k is not null) is { } postgresKey)
        {
            database = await (await PostgresServer.SharedAsync().ConfigureAwait(false)).CreateDatabaseAsync().ConfigureAwait(false);
            args.Add($"--{postgresKey}={database.ConnectionString}");
        }

        var run = ProgramRun.Start(code, args, services);
        try
        {
            var address = await run.ListeningAsync().ConfigureAwait(false);
            return new StartedExample(this, run, address, keys, database);
        }
        catch (InvalidOperationException notStarted)
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }

            if (database is not null)
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                await run.DisposeAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException notStopped)
            {
                throw new AggregateException(notStarted, notStopped);
            }

            throw;
        }
    }

    /// <summary>The example, started and listening.</summary>
    internal sealed class StartedExample : IAsyncDisposable
    {
        private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = ProgramRun.Limit,
        };

        private readonly ReceivingExample _example;
        private readonly IReadOnlyDictionary<string, ExampleKey> _keys;
        private readonly PostgresDatabase? _database;

        public StartedExample(ReceivingExample example, ProgramRun run, Uri address, IReadOnlyDictionary<string, ExampleKey> keys, PostgresDatabase? database = null)
        {
            _database = database;
            _example = example;
            Run = run;
            Address = address;
            _keys = keys;
        }

        /// <summary>The running program.</summary>
        public ProgramRun Run { get; }

        /// <summary>Where it listens, on loopback.</summary>
        public Uri Address { get; }

        /// <summary>The keys made for the run, by the configuration key each went to.</summary>
        public IReadOnlyDictionary<string, ExampleKey> Keys => _keys;

        /// <summary>Sends every check's requests; returns the transcript and the failures, the example's log after them.</summary>
        public async Task<(IReadOnlyList<string> Transcript, IReadOnlyList<string> Failures)> CheckAsync()
        {
            var transcript = new List<string>();
            var failures = new List<string>();
            foreach (var check in _example.Checks)
            {
                await CheckAsync(check, transcript, failures).ConfigureAwait(false);
            }

            if (failures.Count > 0)
            {
                failures.Add($"The example's log:\n{Run.Log}");
            }

            return (transcript, failures);
        }

        public async ValueTask DisposeAsync()
        {
            await Run.DisposeAsync().ConfigureAwait(false);
            foreach (var key in _keys.Values)
            {
                key.Dispose();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync().ConfigureAwait(false);
            }
        }

        private static string Expect(int? status, string? answer) =>
            $"{status?.ToString(CultureInfo.InvariantCulture) ?? "any"}{(answer is null ? string.Empty : $" '{answer}'")}";

        private async Task CheckAsync(ReceivingCheck check, List<string> transcript, List<string> failures)
        {
            var key = check.SecretKey is null ? null : _keys[check.SecretKey];
            var delivery = ExampleDelivery.Create(check, key, Address);
            var what = $"{check.Method} {check.Path}{(check.Scheme is null ? string.Empty : $" ({check.Scheme})")}";

            if (check.Scheme is null)
            {
                var unsigned = await SendAsync(delivery.Signed()).ConfigureAwait(false);
                transcript.Add($"{what}: unsigned → {unsigned}");
                Compare(failures, $"{what}, unsigned", unsigned, check.Status, check.Answer, check.AnswerType);
                return;
            }

            var (answer, answerType) = (check.Answer, check.AnswerType);
            if (answer == ReceivingCheck.HandshakeAnswer)
            {
                if (delivery.Handshake is not { } handshake)
                {
                    failures.Add($"{what}: answer=handshake, but the body is no handshake of the {check.Scheme} scheme.");
                    return;
                }

                answer = System.Text.Encoding.UTF8.GetString(handshake.Body.Span);
                answerType ??= handshake.ContentType;
            }

            var first = await SendAsync(delivery.Signed()).ConfigureAwait(false);
            transcript.Add($"{what}: signed → {first}");
            Compare(failures, $"{what}, signed", first, check.Signed, answer, answerType);

            var tampered = await SendAsync(delivery.Tampered()).ConfigureAwait(false);
            transcript.Add($"{what}: tampered → {tampered}");
            Compare(failures, $"{what}, tampered", tampered, check.Tampered, check.TamperedAnswer, answerType: null);
            if (!string.IsNullOrEmpty(answer) && tampered.Body.Contains(answer, StringComparison.Ordinal))
            {
                failures.Add($"{what}, tampered: the answer to a tampered delivery echoes the signed one's ('{answer}').");
            }

            if (check.AgainAnswered || check.Again is not null)
            {
                var again = await SendAsync(delivery.Signed()).ConfigureAwait(false);
                transcript.Add($"{what}: again → {again}");
                if (check.AgainAnswered)
                {
                    Compare(failures, $"{what}, again", again, first.Status, first.Body, first.MediaType);
                }
                else
                {
                    // A duplicate's acknowledgement never has a body.
                    Compare(failures, $"{what}, again", again, check.Again, answer: string.Empty, answerType: null);
                }
            }
        }

        private static void Compare(List<string> failures, string what, ExampleAnswer actual, int? status, string? answer, string? answerType)
        {
            if ((status is not null && actual.Status != status) || (answer is not null && actual.Body != answer)
                || (answerType is not null && !actual.IsOfType(answerType)))
            {
                failures.Add($"{what}: the page promises {Expect(status, answer)}{(answerType is null ? string.Empty : $" as {answerType}")}; the example answered {actual}.");
            }
        }

        private static async Task<ExampleAnswer> SendAsync(HttpRequestMessage request)
        {
            using (request)
            {
                using var response = await Client.SendAsync(request).ConfigureAwait(false);
                return await ExampleAnswer.ReadAsync(response).ConfigureAwait(false);
            }
        }
    }
}
