using System.Numerics;

namespace LlmLoad.Corpus;

/// <summary>
/// A 64-bit fingerprint of a prompt for duplicate removal. Normalized first: runs of whitespace count as one
/// space and leading/trailing whitespace is ignored, so re-indented copies of a prompt are duplicates; case
/// and punctuation are kept (they change the tokens sent). Chat prompts include each message's role.
/// Two different prompts share a fingerprint with probability about n²/2⁶⁵ (10⁻⁶ at 6 million prompts).
/// </summary>
internal static class PromptHash
{
    // The 64-bit primes of xxHash64 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md).
    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Prime3 = 0x165667B19E3779F9;

    public static ulong Of(LogEntry entry)
    {
        var hash = new Accumulator();
        if (entry.Prompt is { } prompt)
        {
            hash.AddNormalized(prompt);
        }
        else
        {
            foreach (var message in entry.Messages!)
            {
                hash.AddNormalized(message.Role);
                hash.AddSeparator();
                hash.AddNormalized(message.Content);
                hash.AddSeparator();
            }
        }

        return hash.Finish();
    }

    /// <summary>Feeds normalized characters four at a time into an xxHash64-style round.</summary>
    private struct Accumulator
    {
        private ulong _state;
        private ulong _pending;
        private int _pendingChars;
        private long _length;

        public void AddNormalized(string text)
        {
            var span = text.AsSpan().Trim();
            var inSpace = false;
            foreach (var c in span)
            {
                if (char.IsWhiteSpace(c))
                {
                    inSpace = true;
                    continue;
                }

                if (inSpace)
                {
                    Add(' ');
                    inSpace = false;
                }

                Add(c);
            }
        }

        public void AddSeparator() => Add('\u001E');

        public ulong Finish()
        {
            if (_pendingChars > 0)
            {
                Round(_pending);
            }

            var h = _state ^ (ulong)_length;
            h ^= h >> 33;
            h *= Prime2;
            h ^= h >> 29;
            h *= Prime3;
            h ^= h >> 32;
            return h;
        }

        private void Add(char c)
        {
            _pending |= (ulong)c << (16 * _pendingChars);
            _length++;
            if (++_pendingChars == 4)
            {
                Round(_pending);
                _pending = 0;
                _pendingChars = 0;
            }
        }

        private void Round(ulong lane)
        {
            _state ^= BitOperations.RotateLeft(lane * Prime2, 31) * Prime1;
            _state = BitOperations.RotateLeft(_state, 27) * Prime1 + Prime3;
        }
    }
}
