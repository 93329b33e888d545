using SharpFuzz;
using WebhookSignatures.Fuzz;

if (args.Length is < 1 or > 3 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: WebhookSignatures.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}> [--replay <file or folder>]");
    Console.Error.WriteLine("Without --replay the input comes from afl-fuzz on stdin; --replay runs saved inputs on an uninstrumented build.");
    return 2;
}

if (args.Length == 3 && args[1] == "--replay")
{
    var files = Directory.Exists(args[2]) ? Directory.GetFiles(args[2], "id*") : [args[2]];
    var failures = 0;
    foreach (var file in files)
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
        }
    }

    Console.WriteLine($"{files.Length} inputs replayed, {failures} failed");
    return failures == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
