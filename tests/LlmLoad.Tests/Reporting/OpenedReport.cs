using System.Text.Json;
using PuppeteerSharp;

namespace LlmLoad.Tests.Reporting;

/// <summary>
/// A report.html opened in the browser, with everything the page asked for besides the file itself (refused)
/// and every console error and uncaught exception it produced.
/// </summary>
internal sealed class OpenedReport : IAsyncDisposable
{
    private readonly List<string> _requests = [];
    private readonly List<string> _errors = [];

    private OpenedReport(IPage page) => Page = page;

    public IPage Page { get; }

    public IReadOnlyList<string> OtherRequests { get { lock (_requests) { return [.. _requests]; } } }

    public IReadOnlyList<string> Errors { get { lock (_errors) { return [.. _errors]; } } }

    public static async Task<OpenedReport> OpenAsync(IBrowser browser, string path)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        var opened = new OpenedReport(page);
        var url = new Uri(path).AbsoluteUri;
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            if (e.Request.Url == url)
            {
                await e.Request.ContinueAsync();
                return;
            }

            lock (opened._requests)
            {
                opened._requests.Add(e.Request.Url);
            }

            await e.Request.AbortAsync();
        };
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                lock (opened._errors)
                {
                    opened._errors.Add("console: " + e.Message.Text);
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (opened._errors)
            {
                opened._errors.Add("uncaught: " + e.Message);
            }
        };
        await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 30_000 });
        return opened;
    }

    /// <summary>Every chart: its title, the number of points it was given, and the size of its canvas.</summary>
    public async Task<List<(string Title, int Points, double Width, double Height)>> ChartsAsync()
    {
        var json = await Page.EvaluateExpressionAsync<string>("""
            JSON.stringify(Array.from(document.querySelectorAll('.chart')).map(c => {
              const canvas = c.querySelector('canvas');
              const box = canvas ? canvas.getBoundingClientRect() : { width: 0, height: 0 };
              return { title: c.getAttribute('data-chart'), points: Number(c.getAttribute('data-points')), width: box.width, height: box.height };
            }))
            """);
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(c => (c.GetProperty("title").GetString()!, c.GetProperty("points").GetInt32(), c.GetProperty("width").GetDouble(), c.GetProperty("height").GetDouble()))
            .ToList();
    }

    public Task<string> TextAsync(string selector) => Page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    /// <summary>Moves the mouse over the middle of the chart titled <paramref name="title"/> and returns its legend's values.</summary>
    public async Task<string[]> HoverAsync(string title)
    {
        var plot = await Page.QuerySelectorAsync($".chart[data-chart=\"{title}\"] .u-over") ?? throw new InvalidOperationException($"no chart '{title}'");
        await plot.HoverAsync();
        return await Page.EvaluateFunctionAsync<string[]>(
            "t => Array.from(document.querySelector(`.chart[data-chart=\"${t}\"]`).querySelectorAll('.u-legend .u-series .u-value')).map(v => v.textContent)", title);
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
