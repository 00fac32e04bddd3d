using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace LlmLoad.Corpus.Scrubbing;

/// <summary>
/// Checks that turn a candidate shape into a hit. Checksums (Luhn, mod-97) are what keep ordinary digit runs
/// (order numbers, timestamps) from being taken for cards or IBANs: a random 16-digit number passes Luhn
/// one time in ten, a random IBAN-shaped string passes mod-97 one time in 97.
/// </summary>
internal static class PiiValidators
{
    public static bool IsValid(PiiKind kind, ReadOnlySpan<char> candidate) => kind switch
    {
        PiiKind.Jwt => IsJwt(candidate),
        PiiKind.ApiKey => HasDigit(candidate),
        PiiKind.Email => true,
        PiiKind.Iban => IsIban(candidate),
        PiiKind.Card => IsCard(candidate),
        PiiKind.Ssn => true,
        PiiKind.Ip => IsIp(candidate),
        PiiKind.Phone => IsPhone(candidate),
        _ => false,
    };

    /// <summary>13–19 digits, an issuer's first digit (2 Mastercard, 3 Amex/Diners/JCB, 4 Visa, 5 Mastercard, 6 Discover/UnionPay), Luhn-valid.</summary>
    public static bool IsCard(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[candidate.Length];
        var count = Digits(candidate, digits);
        return count is >= 13 and <= 19 && digits[0] is >= 2 and <= 6 && Luhn(digits[..count]);
    }

    /// <summary>The Luhn check: doubling every second digit from the right, the sum is a multiple of 10.</summary>
    public static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: 15–34 characters; moved the first four to the end, letters as 10–35, the number mod 97 is 1.</summary>
    public static bool IsIban(ReadOnlySpan<char> candidate)
    {
        Span<char> compact = stackalloc char[candidate.Length];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c != ' ')
            {
                compact[length++] = c;
            }
        }

        if (length is < 15 or > 34)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            remainder = char.IsAsciiDigit(c)
                ? (remainder * 10 + (c - '0')) % 97
                : (remainder * 100 + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    /// <summary>A real address, except the loopback and unspecified ones, which identify nobody and fill code samples.</summary>
    public static bool IsIp(ReadOnlySpan<char> candidate)
    {
        if (!IPAddress.TryParse(candidate, out var address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // "a::b" in C++ parses as IPv6: an address written by a person or a log has a digit and two groups.
            var groups = 0;
            foreach (var part in candidate.Split(':'))
            {
                groups += candidate[part].Length > 0 ? 1 : 0;
            }

            if (groups < 2 || candidate.IndexOfAnyInRange('0', '9') < 0)
            {
                return false;
            }
        }

        return !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>
    /// E.164 allows at most 15 digits; fewer than 8 is an extension or a short code. A national number with a
    /// trunk 0 has at least 10 (UK, France, Germany): shorter 0-led groups are more often parts of account numbers.
    /// </summary>
    public static bool IsPhone(ReadOnlySpan<char> candidate)
    {
        var count = 0;
        foreach (var c in candidate)
        {
            count += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return candidate[0] == '0' ? count is >= 10 and <= 12 : count is >= 8 and <= 15;
    }

    /// <summary>The first segment decodes (base64url) to a JSON object: what makes three dotted segments a JWT.</summary>
    public static bool IsJwt(ReadOnlySpan<char> candidate)
    {
        var header = candidate[..candidate.IndexOf('.')];
        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(header.Length));
        try
        {
            if (Base64Url.DecodeFromChars(header, buffer, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(0, written));
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Real keys are random and hold a digit; slugs such as <c>sk-learn-pipeline-wrapper</c> have none.</summary>
    public static bool HasDigit(ReadOnlySpan<char> candidate) => candidate.IndexOfAnyInRange('0', '9') >= 0;

    private static int Digits(ReadOnlySpan<char> text, Span<byte> digits)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = (byte)(c - '0');
            }
        }

        return count;
    }
}
