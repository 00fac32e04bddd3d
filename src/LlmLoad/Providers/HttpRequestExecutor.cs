using System.Text;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Providers.Transport;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Providers;

/// <summary>
/// The real executor: a prompt from the workload in, the HTTP exchange, the capture handed to the recorder.
/// In a run of sessions, the request the engine released is a session's first turn, and the executor sends
/// the later ones itself, each after the previous answer and a think time, carrying the conversation so far.
/// </summary>
internal sealed class HttpRequestExecutor(PromptSource prompts, IWireFormat format, string model, bool stream, IRequestExchange sender, ICaptureSink recorder)
    : IRequestExecutor
{
    private SessionContext? _sessions;

    /// <summary>Makes every released request a session (<see cref="SessionSpec"/>); later turns count as sent and pass the budget.</summary>
    /// <param name="segment">The run's segment: a session is wholly the segment of its first request (its id), and its turns are numbered within the segment's seqs.</param>
    public void UseSessions(SessionSpec spec, int seed, LiveCounters counters, BudgetGuard? budget, TimeProvider time, ExecutionSegment? segment = null)
        => _sessions = new SessionContext(spec, seed, counters, budget, time, segment ?? ExecutionSegment.Whole);

    public PreparedRequest Prepare(long seq, int? inputTokens = null, int? outputTokens = null)
    {
        var plan = format.InputsPerRequest is { } batch ? prompts.CreateBatch(seq, batch, inputTokens) : prompts.Create(seq, inputTokens, outputTokens);
        // Without sessions each request is its own; with them, a session is numbered by its first request.
        return new PreparedRequest(plan, format.BuildBody(model, plan.Turns, plan.MaxOutputTokens, stream, seq, plan.Tools));
    }

    public async Task ExecuteAsync(ScheduledRequest request, CancellationToken stopSending, CancellationToken abort)
    {
        if (_sessions is null)
        {
            var capture = await sender.SendAsync(request.Request, request.Seq, abort).ConfigureAwait(false);
            recorder.Finished(request, capture);
            return;
        }

        await RunSessionAsync(_sessions, request, stopSending, abort).ConfigureAwait(false);
    }

    public void Dropped(ScheduledRequest request) => recorder.Dropped(request);

    private async Task RunSessionAsync(SessionContext context, ScheduledRequest first, CancellationToken stopSending, CancellationToken abort)
    {
        var session = first.Seq;
        var turns = context.Spec.TurnsOf(context.Seed, session);
        var random = new Random(StreamSeed.For(context.Seed, session, purpose: 4));
        var conversation = new Conversation(first.Request.Plan.Turns);
        var request = first with { Seq = context.NextSeq(), Session = new SessionTurn(session, 1, turns) };
        for (var turn = 1; ; turn++)
        {
            var capture = await sender.SendAsync(request.Request, session, abort).ConfigureAwait(false);
            var last = !capture.Succeeded || turn == turns;
            // Read before the capture goes to the recorder, and only when another turn will carry it.
            var answer = last ? "" : Encoding.UTF8.GetString(capture.Text.WrittenSpan);
            recorder.Finished(request, capture);
            if (last)
            {
                return;
            }

            try
            {
                await WaitAtLeastAsync(context.Spec.Think.Sample(random), context.Time, stopSending).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var next = prompts.FollowUp(first.Request.Plan, session, turn + 1);
            var messages = conversation.Continue(answer, next.Prompt);
            // An agent sends its tools with every turn.
            var plan = next with { Messages = [.. messages], InputTokens = prompts.CountTokens(messages), Tools = first.Request.Plan.Tools };
            if (stopSending.IsCancellationRequested || context.Budget?.TryReserve(plan) == false)
            {
                return;
            }

            context.Counters.AddSent();
            var body = format.BuildBody(model, plan.Turns, plan.MaxOutputTokens, stream, session, plan.Tools);
            request = request with
            {
                Seq = context.NextSeq(),
                ScheduledAt = context.Time.GetTimestamp(),
                Request = new PreparedRequest(plan, body),
                Session = new SessionTurn(session, turn + 1, turns),
            };
        }
    }

    /// <summary>
    /// Waits the whole <paramref name="duration"/> by the run's clock. A timer alone can fire early: on Linux
    /// it counts a coarse clock (4 ms steps), and a think time that is short by that much is a wrong think time.
    /// </summary>
    private static async Task WaitAtLeastAsync(TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        for (var remaining = duration; remaining > TimeSpan.Zero; remaining = duration - time.GetElapsedTime(start))
        {
            await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What sessions need besides the executor's own parts; seq numbers every turn of the run.</summary>
    private sealed class SessionContext(SessionSpec spec, int seed, LiveCounters counters, BudgetGuard? budget, TimeProvider time, ExecutionSegment segment)
    {
        private long _seq = -1;

        public SessionSpec Spec => spec;

        public int Seed => seed;

        public LiveCounters Counters => counters;

        public BudgetGuard? Budget => budget;

        public TimeProvider Time => time;

        public long NextSeq() => segment.Global(Interlocked.Increment(ref _seq));
    }
}
