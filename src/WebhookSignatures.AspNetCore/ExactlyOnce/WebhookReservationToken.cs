using System.Globalization;
using System.Security.Cryptography;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Makes the token a reservation is held under: 32 lowercase hex digits, unique among every reservation of every
/// instance that shares a store, the way a random <see cref="Guid"/> is, without asking the operating system for
/// randomness each time (a system call per delivery).
/// </summary>
/// <remarks>
/// 64 random bits drawn once per process tell instances apart; a counter, starting at a random value, tells this
/// process's reservations apart. A token only tells holders apart: it never leaves the application and its store, so it
/// needs to be unique, not unpredictable.
/// </remarks>
internal static class WebhookReservationToken
{
    private static readonly ulong Instance = RandomSixtyFourBits();
    private static long _counter = (long)RandomSixtyFourBits();

    /// <summary>A token no other reservation has had.</summary>
    public static string Next() =>
        string.Create(32, (ulong)Interlocked.Increment(ref _counter), static (chars, counter) =>
        {
            Instance.TryFormat(chars, out _, "x16", CultureInfo.InvariantCulture);
            counter.TryFormat(chars[16..], out _, "x16", CultureInfo.InvariantCulture);
        });

    private static ulong RandomSixtyFourBits()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
