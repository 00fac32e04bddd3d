namespace LlmLoad.SimBench;

/// <summary>
/// Counts SSE events by the <c>data: </c> that starts each one, across read boundaries, without parsing:
/// the driver must cost the shared CPU as little as possible. The simulator's words never contain
/// <c>data: </c>, and the pattern does not overlap itself, so a mismatch restarts at most at its own byte.
/// </summary>
internal struct SseEventScanner
{
    private static ReadOnlySpan<byte> Pattern => "data: "u8;

    private int _matched;

    public int Count(ReadOnlySpan<byte> bytes)
    {
        var events = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            if (_matched == 0)
            {
                // Vectorised jump to the next candidate; most bytes are JSON and never look at the state.
                var next = bytes[i..].IndexOf(Pattern[0]);
                if (next < 0)
                {
                    return events;
                }

                i += next + 1;
                _matched = 1;
                continue;
            }

            var b = bytes[i++];
            if (b == Pattern[_matched])
            {
                if (++_matched == Pattern.Length)
                {
                    events++;
                    _matched = 0;
                }
            }
            else
            {
                _matched = b == Pattern[0] ? 1 : 0;
            }
        }

        return events;
    }
}
