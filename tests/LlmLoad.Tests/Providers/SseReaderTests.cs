using System.Text;
using LlmLoad.Providers;
using LlmLoad.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using LlmLoad.Providers.Transport;

namespace LlmLoad.Tests.Providers;

public sealed class SseReaderTests
{
    [Fact]
    public async Task ReadAsync_LineEndingsCrLfLfAndCrSplitAcrossReads_AllFramed()
    {
        var events = await ReadAsync("data: one\r\n\r\n", "data: two\n\n", "data: three\r", "\r", "data: four\r", "\n\r\n");

        Assert.Equal(["message:one", "message:two", "message:three", "message:four"], events.Select(e => e.Text));
    }

    [Fact]
    public async Task ReadAsync_FieldsAsTheSpecDefines_DataJoinedCommentsIgnoredEventNamed()
    {
        var events = await ReadAsync(
            ": keep-alive comment\n\n",
            "event: content_block_delta\ndata:{\"a\":1}\nid: 7\nretry: 100\n\n",
            "data: first line\ndata:  second line\n\n",
            "data\n\n",
            "event: ping\n\n");

        Assert.Equal(["content_block_delta:{\"a\":1}", "message:first line\n second line", "message:"], events.Select(e => e.Text));
    }

    [Fact]
    public async Task ReadAsync_EventLargerThanTheBuffer_IsFramedWhole()
    {
        var big = new string('x', 20_000);
        var events = await ReadAsync($"data: {big[..7000]}", $"{big[7000..]}\n\n");

        Assert.Equal("message:" + big, Assert.Single(events).Text);
    }

    [Fact]
    public async Task ReadAsync_StreamEndsMidEvent_ReturnsFalseAndDropsTheUnfinishedEvent()
    {
        var clock = new FakeTimeProvider();
        var events = new List<string>();
        using var stream = new TimestampedStream(Script(clock, "data: done\n\n", "data: cut"), clock);
        using var reader = new SseReader();

        var stopped = await reader.ReadAsync(stream, ResponseFraming.ServerSentEvents, (type, data, _) => { events.Add(Encoding.UTF8.GetString(data)); return false; }, CancellationToken.None);

        Assert.False(stopped);
        Assert.Equal(["done"], events);
    }

    [Fact]
    public async Task ReadAsync_HandlerStops_ReturnsTrueWithoutReadingFurther()
    {
        var events = await ReadAsync("data: a\n\ndata: [DONE]\n\n", "data: never\n\n");

        Assert.Equal(["message:a", "message:[DONE]"], events.Select(e => e.Text));
    }

    [Fact]
    public async Task ReadAsync_EventArrival_IsTheReadThatClosedIt()
    {
        var events = await ReadAsync("data: a\n", "\n");

        Assert.Equal(TimeSpan.FromMilliseconds(20), Assert.Single(events).ArrivedAfter);
    }

    [Fact]
    public async Task ReadAsync_JsonLines_EachNonEmptyLineIsAnEvent_EvenSplitAcrossReads()
    {
        var events = await ReadAsync(ResponseFraming.JsonLines, "{\"t\":\"a\"}\n\n{\"t\":", "\"b\"}\r\n{\"t\":\"c\"}");

        // The last line has no newline: it cannot be told from a cut one, so it is not an event.
        Assert.Equal(["message:{\"t\":\"a\"}", "message:{\"t\":\"b\"}"], events.Select(e => e.Text));
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], events.Select(e => e.ArrivedAfter));
    }

    [Fact]
    public async Task ReadAsync_Text_EachReadIsOneEvent()
    {
        var events = await ReadAsync(ResponseFraming.Text, "Hello", " wor", "ld\n");

        Assert.Equal(["message:Hello", "message: wor", "message:ld\n"], events.Select(e => e.Text));
        Assert.Equal(TimeSpan.FromMilliseconds(30), events[^1].ArrivedAfter);
    }

    private static Task<List<(string Text, TimeSpan ArrivedAfter)>> ReadAsync(params string[] reads) => ReadAsync(ResponseFraming.ServerSentEvents, reads);

    private static async Task<List<(string Text, TimeSpan ArrivedAfter)>> ReadAsync(ResponseFraming framing, params string[] reads)
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetTimestamp();
        var events = new List<(string, TimeSpan)>();
        using var stream = new TimestampedStream(Script(clock, reads), clock);
        using var reader = new SseReader();
        await reader.ReadAsync(stream, framing, (type, data, at) =>
        {
            var text = Encoding.UTF8.GetString(data);
            events.Add(($"{Encoding.UTF8.GetString(type)}:{text}", clock.GetElapsedTime(start, at)));
            return text == "[DONE]";
        }, CancellationToken.None);
        return events;
    }

    private static ScriptedStream Script(FakeTimeProvider clock, params string[] reads)
        => new(clock, reads.Select(r => (TimeSpan.FromMilliseconds(10), (byte[]?)Encoding.UTF8.GetBytes(r))).ToList());
}
