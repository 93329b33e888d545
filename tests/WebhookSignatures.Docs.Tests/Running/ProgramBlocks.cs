namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>Which documented blocks the runners take, read from their comments alone (no compiling to list them).</summary>
internal static class ProgramBlocks
{
    /// <summary>The <c>run:</c> and <c>not run:</c> comments of a block, parsed.</summary>
    /// <exception cref="FormatException">One is malformed.</exception>
    public static IReadOnlyList<RunAnnotation> Annotations(DocumentedCode block) =>
        [.. block.Notes.Where(RunAnnotation.IsOne).Select(RunAnnotation.Parse)];

    /// <summary>Whether a comment describes a sender (it names the address the sender sends to) rather than a receiver's check.</summary>
    /// <remarks>A malformed comment counts as a receiver's, whose test then reports what is wrong with it.</remarks>
    public static bool DescribesSender(string note)
    {
        if (!note.StartsWith("run:", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return RunAnnotation.Parse(note).Values.Any(v => v.Key == "to");
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Blocks with <c>run:</c> comments that describe checks of a receiver.</summary>
    public static IEnumerable<DocumentedCode> Receivers() =>
        DocumentedCode.All.Where(b => !b.IsFragment && b.Notes.Any(n => n.StartsWith("run:", StringComparison.Ordinal) && !DescribesSender(n)));

    /// <summary>Blocks with a <c>run:</c> comment that describes a sender.</summary>
    public static IEnumerable<DocumentedCode> Senders() =>
        DocumentedCode.All.Where(b => !b.IsFragment && b.Notes.Any(DescribesSender));
}
