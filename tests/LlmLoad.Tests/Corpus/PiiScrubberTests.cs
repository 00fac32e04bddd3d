using LlmLoad.Corpus.Scrubbing;

namespace LlmLoad.Tests.Corpus;

public sealed class PiiScrubberTests
{
    /// <summary>Each type in a sentence as it would appear in a prompt; the expected text shows exactly what is replaced.</summary>
    public static TheoryData<string, string, PiiKind> Positives => new()
    {
        { "Contact me at jane.doe+news@example.co.uk for details.", "Contact me at <EMAIL> for details.", PiiKind.Email },
        { "Send the invoice to j_smith@mail.company-name.com, thanks", "Send the invoice to <EMAIL>, thanks", PiiKind.Email },
        { "Call me on +1 (415) 555-2671 tomorrow.", "Call me on <PHONE> tomorrow.", PiiKind.Phone },
        { "Our London office: +44 20 7946 0958.", "Our London office: <PHONE>.", PiiKind.Phone },
        { "Mobile +33 6 12 34 56 78 after 6pm", "Mobile <PHONE> after 6pm", PiiKind.Phone },
        { "Berlin desk +49 30 12345678", "Berlin desk <PHONE>", PiiKind.Phone },
        { "Ring 415-555-2671 or (212) 555-0147.", "Ring <PHONE> or <PHONE>.", PiiKind.Phone },
        { "Toll free 1-800-555-0199, or 415.555.2671", "Toll free <PHONE>, or <PHONE>", PiiKind.Phone },
        { "UK landline 020 7946 0958 and mobile 07700 900123", "UK landline <PHONE> and mobile <PHONE>", PiiKind.Phone },
        { "Appelez le 01 23 45 67 89 svp", "Appelez le <PHONE> svp", PiiKind.Phone },
        { "call at 14:05 +44 20 7946 0958 or after $19.99 (415) 555-2671", "call at 14:05 <PHONE> or after $19.99 <PHONE>", PiiKind.Phone },
        { "order #4471-2290-3320 +1 415 555 2671 on 2024-03-15", "order #4471-2290-3320 <PHONE> on 2024-03-15", PiiKind.Phone },
        { "My card is 4111 1111 1111 1111, expiry 12/27.", "My card is <CARD>, expiry 12/27.", PiiKind.Card },
        { "charged to 5500-0000-0000-0004 yesterday", "charged to <CARD> yesterday", PiiKind.Card },
        { "Amex 378282246310005 and 3782 822463 10005", "Amex <CARD> and <CARD>", PiiKind.Card },
        { "Discover card: 6011111111111117.", "Discover card: <CARD>.", PiiKind.Card },
        { "Pay to IBAN DE89 3704 0044 0532 0130 00 by Friday", "Pay to IBAN <IBAN> by Friday", PiiKind.Iban },
        { "GB82WEST12345698765432 is my account", "<IBAN> is my account", PiiKind.Iban },
        { "FR14 2004 1010 0505 0001 3M02 606 (compte courant)", "<IBAN> (compte courant)", PiiKind.Iban },
        { "The server at 192.168.1.10 refused, and 8.8.8.8 too.", "The server at <IP> refused, and <IP> too.", PiiKind.Ip },
        { "connect to 10.0.0.1:5432", "connect to <IP>:5432", PiiKind.Ip },
        { "ping 2001:db8:85a3::8a2e:370:7334 now", "ping <IP> now", PiiKind.Ip },
        { "link-local fe80::1ff:fe23:4567:890a.", "link-local <IP>.", PiiKind.Ip },
        { "full form 2001:0db8:0000:0000:0000:ff00:0042:8329", "full form <IP>", PiiKind.Ip },
        { "My SSN is 536-22-8143, please update it.", "My SSN is <SSN>, please update it.", PiiKind.Ssn },
        { "use key sk-proj-abc123DEF456ghi789JKL012mno345 in prod", "use key <API_KEY> in prod", PiiKind.ApiKey },
        { "ANTHROPIC_API_KEY=sk-ant-api03-AbCdEf1234567890_ghIJkl-mnop", "ANTHROPIC_API_KEY=<API_KEY>", PiiKind.ApiKey },
        { "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_access_key_id = <API_KEY>", PiiKind.ApiKey },
        { "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 expired", "token <API_KEY> expired", PiiKind.ApiKey },
        { "github_pat_11ABCDEFG0123456789_abcdefghijKLMNOP works", "<API_KEY> works", PiiKind.ApiKey },
        { "slack bot xoxb-123456789012-abcdefABCDEF", "slack bot <API_KEY>", PiiKind.ApiKey },
        { "maps key AIzaSyA-1234567890abcdefghijklmnopqrstu here", "maps key <API_KEY> here", PiiKind.ApiKey },
        { "Authorization: Bearer abc123def456ghi789jkl", "Authorization: Bearer <API_KEY>", PiiKind.ApiKey },
        { "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe <API_KEY>", PiiKind.ApiKey },
        {
            "session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c expired",
            "session <JWT> expired", PiiKind.Jwt
        },
        {
            "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "Authorization: Bearer <JWT>", PiiKind.Jwt
        },
    };

    /// <summary>Ordinary text that looks a little like personal data and must come out unchanged.</summary>
    public static TheoryData<string> Negatives => new()
    {
        "Your order #4471-2290-1183 ships Monday.",
        "Order number 778812993 was refunded; invoice INV-2024-000153.",
        "The meeting is on 2024-03-15 at 14:30, or 15/03/2024 09:00 CET, or 20240315.",
        "Timestamp 2024-03-15T10:30:00Z, elapsed 12:30:45.",
        "Upgrade from 1.2.3 to v10.0.1, then 2.0.0-rc.1 and version 1.0.0.0.",
        "The .NET Framework 4.0.30319.42000 runtime; Python 3.12.1.",
        "Revert commit 3f9a2c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b with `git checkout 9fceb02`.",
        "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "const hash = \"4539578763621486a9f3\"; // not a card",
        "Total: $1,299.99 or €4.500,00; 12 items at $19.95; 1,234,567,890 rows.",
        "The population is 8045311447 and the epoch in ms is 1718236800000.",
        "Request id 550e8400-e29b-41d4-a716-446655440000 failed.",
        "Call 123-456-7890 or (012) 345-6789 — both invalid area codes; ext. 1234; +1 23.",
        "Card-like but Luhn-invalid: 4111 1111 1111 1112 and 5500-0000-0000-0005.",
        "Not SSNs: 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567, 123-45-0000.",
        "IBAN with a wrong checksum: DE89 3704 0044 0532 0130 01.",
        "Not addresses: 999.1.1.1, 192.168.1, 1.2.3.4.5, localhost 127.0.0.1:8080, bind 0.0.0.0, ::1.",
        "std::vector<int> v; a::b; MAC 00:1A:2B:3C:4D:5E",
        "@Override public void run(); npm i lodash@4.17.21 @scope/pkg",
        "from sklearn import sk-learn-pipeline-wrapper-module; my_api_key_name = os.environ['KEY']",
        "Bearer authentication is described in RFC 6750; Bearer tokens-are-described-here.",
        "pi is 3.14159, epsilon 1e-10, 99.95% uptime, port 65535, colour #ff5733, mask 0xDEADBEEF.",
        "user_id_12345 and AKIA_PATTERN_NAME are identifiers; eyJ alone is not a token.",
        "ISO 8601 and RFC 7231 section 6.5.1; HTTP/1.1 200 OK; 3/4 cups.",
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Scrub_PersonalData_ReplacedByTypedPlaceholder(string text, string expected, PiiKind kind)
    {
        var counts = new ScrubCounts();

        var scrubbed = PiiScrubber.Scrub(text, counts);

        Assert.Equal(expected, scrubbed);
        Assert.True(counts[kind] > 0, $"no {kind} counted");
        Assert.Equal(counts.Total, counts[kind]);
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Scrub_OrdinaryText_Unchanged(string text)
    {
        var counts = new ScrubCounts();

        Assert.Equal(text, PiiScrubber.Scrub(text, counts));
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public void Scrub_SeveralTypesInOneText_CountsEach()
    {
        var counts = new ScrubCounts();

        var scrubbed = PiiScrubber.Scrub("jane@example.com, 4111111111111111, 536-22-8143 and jane@example.com again", counts);

        Assert.Equal("<EMAIL>, <CARD>, <SSN> and <EMAIL> again", scrubbed);
        Assert.Equal(2, counts[PiiKind.Email]);
        Assert.Equal(1, counts[PiiKind.Card]);
        Assert.Equal(1, counts[PiiKind.Ssn]);
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void Luhn_KnownNumbers_Checked(string digits, bool valid)
        => Assert.Equal(valid, PiiValidators.Luhn([.. digits.Select(c => (byte)(c - '0'))]));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("GB82 WEST 1234 5698 7654 33", false)]
    [InlineData("NL91ABNA0417164300", true)]
    public void IsIban_Mod97_Checked(string iban, bool valid) => Assert.Equal(valid, PiiValidators.IsIban(iban));
}
