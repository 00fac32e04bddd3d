// Draws report.html from the JSON in #llmload-data (written by Reporting/Html/ReportPage.cs).
// Every text from the run (model, category, stage names, warnings) goes in with textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("llmload-data").textContent);
  var root = document.getElementById("report");
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function add(parent, tag, cls, text) {
    var node = el(tag, cls, text);
    parent.appendChild(node);
    return node;
  }

  function section(title, id) {
    var s = add(root, "section");
    if (id) s.id = id;
    add(s, "h2", null, title);
    return s;
  }

  function fmt(v) {
    if (v === null || v === undefined) return "–";
    if (typeof v === "number") {
      if (!isFinite(v)) return String(v);
      var a = Math.abs(v);
      if (a !== 0 && a < 0.001) return v.toExponential(2);
      return String(Math.round(v * 1000) / 1000);
    }
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (Array.isArray(v)) return v.map(fmt).join(", ");
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }

  function table(parent, headers, rows) {
    var t = add(parent, "table");
    var tr = add(add(t, "thead"), "tr");
    headers.forEach(function (h) { add(tr, "th", null, h); });
    var body = add(t, "tbody");
    rows.forEach(function (row) {
      var r = add(body, "tr");
      row.forEach(function (cell) {
        var td = add(r, "td");
        if (cell instanceof Node) td.appendChild(cell); else td.textContent = fmt(cell);
      });
    });
    return t;
  }

  // Nested objects as "a.b.c  value" rows, so that fields added to summary.json later show up too.
  function flatten(obj, prefix, out) {
    out = out || [];
    Object.keys(obj || {}).forEach(function (key) {
      var value = obj[key];
      var name = prefix ? prefix + "." + key : key;
      if (value !== null && typeof value === "object" && !Array.isArray(value)) flatten(value, name, out);
      else if (Array.isArray(value) && value.some(function (v) { return v !== null && typeof v === "object"; })) out.push([name, value.length + " entries"]);
      else out.push([name, value]);
    });
    return out;
  }

  function keyValues(parent, title, obj) {
    if (!obj) return;
    if (title) add(parent, "h3", null, title);
    table(parent, ["field", "value"], flatten(obj));
  }

  function get(obj, path) {
    return path.split(".").reduce(function (o, k) { return o === null || o === undefined ? undefined : o[k]; }, obj);
  }

  // ---- charts ----------------------------------------------------------------------------------

  // The plot's width: the page's content width (main's padding off) shared by `parts` charts in a row,
  // less each chart box's padding and border and the gap between boxes.
  function chartWidth(parts) {
    var content = Math.min(1208, (root.clientWidth || 1000) - 32);
    return Math.max(260, Math.floor((content - 12 * (parts - 1)) / parts) - 16);
  }

  // marks: [{x, label, color}] drawn as vertical lines (stage starts, knee, saturation point).
  function marksHook(marks) {
    return function (u) {
      var ctx = u.ctx;
      ctx.save();
      marks.forEach(function (m) {
        var x = u.valToPos(m.x, "x", true);
        if (!isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        ctx.strokeStyle = m.color || "#888";
        ctx.setLineDash([5, 4]);
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = m.color || "#555";
        ctx.font = (11 * devicePixelRatio) + "px sans-serif";
        var width = ctx.measureText(m.label).width;
        var right = x + 4 * devicePixelRatio + width > u.bbox.left + u.bbox.width;
        ctx.fillText(m.label, right ? x - 4 * devicePixelRatio - width : x + 4 * devicePixelRatio, u.bbox.top + 12 * devicePixelRatio);
      });
      ctx.restore();
    };
  }

  // One uPlot chart. series: [{label, values, scale?, bars?, color?}]; x: the x values.
  function chart(parent, title, x, series, options) {
    options = options || {};
    var box = add(parent, "div", "chart");
    box.setAttribute("data-chart", title);
    box.setAttribute("data-points", String(x.length));
    add(box, "h3", null, title);
    var scales = { x: { time: false } };
    if (options.logX) scales.x.distr = 3;
    var axes = [{ label: options.xLabel || "", values: options.xValues }, { label: options.yLabel || "", size: 60 }];
    var useRight = series.some(function (s) { return s.scale === "right"; });
    if (useRight) {
      scales.right = { auto: true };
      axes.push({ scale: "right", side: 1, label: options.rightLabel || "", grid: { show: false }, size: 60 });
    }
    var uSeries = [{ label: options.xLabel || "x", value: function (u, v) { return v === null || v === undefined ? "–" : fmt(v); } }];
    series.forEach(function (s, i) {
      var color = s.color || palette[i % palette.length];
      var spec = { label: s.label, stroke: color, width: 1.5, scale: s.scale || "y", spanGaps: false,
        value: function (u, v) { return v === null || v === undefined ? "–" : fmt(v); } };
      if (s.bars) { spec.paths = uPlot.paths.bars({ size: [0.9, 40] }); spec.fill = color + "88"; spec.points = { show: false }; }
      if (s.points) spec.points = { show: true, size: 7, fill: color };
      uSeries.push(spec);
    });
    var opts = {
      width: chartWidth(options.parts || 1),
      height: options.height || 220,
      scales: scales,
      axes: axes,
      series: uSeries,
      cursor: options.sync ? { sync: { key: options.sync } } : {},
      hooks: options.marks && options.marks.length ? { draw: [marksHook(options.marks)] } : {},
    };
    var plotData = [x].concat(series.map(function (s) { return s.values; }));
    return new uPlot(opts, plotData, box);
  }

  // ---- the run report ----------------------------------------------------------------------------

  function header(summary) {
    var target = get(summary, "run.target") || {};
    document.title = "llmload report: " + (target.model || "run");
    var h = add(root, "header");
    add(h, "h1", null, "llmload report");
    add(h, "p", "subtitle", [target.provider, target.model, target.url].filter(Boolean).join(" · "));
    add(h, "p", "subtitle", "started " + fmt(get(summary, "run.started_at")) + " · " + fmt(get(summary, "run.duration_s")) + " s");
  }

  // An objective's value as its expression writes it: shares (unit "ratio") in per cent.
  function withUnit(value, unit) {
    if (unit === "ratio") return fmt(value * 100) + " %";
    if (unit === "per_s") return fmt(value) + " /s";
    return fmt(value) + " " + (unit || "");
  }

  function verdict(summary) {
    var s = section("Verdict", "verdict-section");
    var slo = summary.slo || {};
    var checks = slo.checks || [];
    var text = checks.length === 0 ? "No SLOs set" : (slo.passed ? "SLOs passed" : "SLOs FAILED");
    var v = add(s, "p", "verdict " + (checks.length === 0 ? "none" : slo.passed ? "pass" : "fail"));
    v.id = "verdict";
    v.textContent = text + " · stopped by: " + fmt(get(summary, "run.stopped_by"));
    var facts = [
      ["goodput", slo.goodput === null || slo.goodput === undefined ? "–" : fmt(slo.goodput * 100) + " % (" + fmt(slo.goodput_met) + " requests)"],
      ["requests", fmt(get(summary, "requests.measured")) + " measured, " + fmt(get(summary, "requests.succeeded")) + " succeeded, " + fmt(get(summary, "requests.failed")) + " failed"],
      ["throughput", fmt(get(summary, "throughput.requests_per_s")) + " req/s, " + fmt(get(summary, "throughput.output_tokens_per_s")) + " output tok/s"],
    ];
    table(s, ["", ""], facts);
    if (checks.length) {
      add(s, "h3", null, "Objectives");
      table(s, ["objective", "measured", "threshold", "result"], checks.map(function (c) {
        return [c.expression, c.value === null ? "no data" : withUnit(c.value, c.unit), c.op + " " + withUnit(c.threshold, c.unit), c.passed ? "pass" : "FAIL"];
      }));
    }
    if (slo.aborted) keyValues(s, "Aborted by an objective", slo.aborted);
    var warnings = summary.warnings || [];
    add(s, "h3", null, warnings.length ? "Warnings" : "No warnings");
    var ul = add(s, "ul", "warnings");
    warnings.forEach(function (w) { add(ul, "li", null, w); });
  }

  function settings(summary) {
    var s = section("Settings");
    keyValues(s, "Target", get(summary, "run.target"));
    keyValues(s, "Load", get(summary, "run.load"));
    var workload = summary.workload || {};
    keyValues(s, "Workload", { input_tokens: workload.input_tokens, output_tokens: workload.output_tokens, seed: get(summary, "run.seed"),
      corpus: workload.corpus, shared_prefix: workload.shared_prefix, sessions: workload.sessions });
    if ((workload.mix || []).length) {
      add(s, "h3", null, "Mix");
      table(s, ["category", "weight share", "input tokens", "output tokens"], workload.mix.map(function (m) {
        return [m.name, m.weight_share, m.input_tokens, m.output_tokens];
      }));
    }
  }

  function timeSeries(ts, errorClasses) {
    var s = section("Time series", "timeseries");
    var cols = {};
    (ts.numeric || []).forEach(function (c) { cols[c.name] = c.values; });
    var x = cols.t_end_s || cols.t_start_s;
    if (!x || x.length === 0) { add(s, "p", null, "No time series (timeseries.csv has no rows)."); return; }
    add(s, "p", "hint", "Drag across a chart to zoom in on a time range, double-click to zoom out; hover to read values. Dashed lines mark stage starts; the grey line (right axis) is the load.");
    var marks = [];
    var stage = (ts.text || []).filter(function (c) { return c.name === "stage"; })[0];
    if (stage) {
      stage.values.forEach(function (name, i) {
        if (name && (i === 0 || stage.values[i - 1] !== name)) marks.push({ x: cols.t_start_s ? cols.t_start_s[i] : x[i], label: name, color: "#999" });
      });
    }
    var used = { t_start_s: true, t_end_s: true };
    var open = get(data.summary, "run.load.mode") !== "closed";
    var load = open && cols.offered_rate_per_s ? { name: "offered_rate_per_s", label: "offered req/s" }
      : cols.in_flight ? { name: "in_flight", label: "in flight" } : null;
    function plot(title, names, options) {
      var present = names.filter(function (n) { return cols[n.name || n]; });
      if (!present.length) return;
      var series = present.map(function (n) {
        var name = n.name || n;
        used[name] = true;
        return { label: n.label || name, values: cols[name], scale: n.scale };
      });
      options = options || {};
      // The load drawn faintly behind every other chart (offered rate, or users in flight for a closed loop), so
      // that a change can be read against the load that caused it.
      if (load && !series.some(function (x) { return x.scale === "right"; })) {
        series.push({ label: load.label, values: cols[load.name], scale: "right", color: "#bbbbbb" });
        options.rightLabel = load.label;
      }
      options.xLabel = "s";
      options.sync = "time";
      options.marks = marks;
      chart(s, title, x, series, options);
    }
    plot("Load: offered vs achieved rate, in flight", [
      { name: "offered_rate_per_s", label: "offered req/s" }, { name: "achieved_rate_per_s", label: "achieved req/s" },
      { name: "in_flight", label: "in flight", scale: "right" }], { yLabel: "req/s", rightLabel: "in flight" });
    plot("Requests completed per window", ["completed", "ok", "errors"], { yLabel: "requests" });
    var failing = errorClasses.filter(function (n) { return cols[n] && cols[n].some(function (v) { return v; }); });
    errorClasses.forEach(function (n) { used[n] = true; });
    plot("Errors by class" + (failing.length ? "" : " (none)"), failing.length ? failing : ["errors"], { yLabel: "requests" });
    plot("TTFT", ["ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms"], { yLabel: "ms" });
    plot("ITL", ["itl_p50_ms", "itl_p95_ms", "itl_p99_ms"], { yLabel: "ms" });
    plot("E2E", ["e2e_p50_ms", "e2e_p95_ms", "e2e_p99_ms"], { yLabel: "ms" });
    plot("Output tokens per second", ["output_tokens_per_s"], { yLabel: "tok/s" });
    var others = (ts.numeric || []).filter(function (c) { return !used[c.name]; });
    if (others.length) {
      add(s, "h3", "group", "Other series");
      others.forEach(function (c) { plot(c.name, [c.name], { height: 160 }); });
    }
  }

  function distributions(list) {
    var s = section("Latency distributions", "distributions");
    add(s, "p", "hint", "From the measured requests in requests.jsonl (successful ones; schedule lag: all), in logarithmic bins of " +
      "10^(1/" + (data.binsPerDecade || 20) + "); the CDF reads each bin's upper edge.");
    list.forEach(function (d) {
      var row = add(s, "div", "pair");
      if (!d.count) { add(row, "p", null, d.label + ": no samples"); return; }
      var step = Math.pow(10, 1 / (data.binsPerDecade || 20));
      var centers = d.lower.map(function (l) { return l * Math.sqrt(step); });
      var upper = d.lower.map(function (l) { return l * step; });
      var total = 0;
      var cdf = d.counts.map(function (c) { total += c; return total; }).map(function (c) { return Math.round(c / d.count * 100000) / 1000; });
      chart(row, d.label + " histogram (" + d.count + " requests)", centers, [{ label: "requests", values: d.counts, bars: true }],
        { logX: true, xLabel: "ms", yLabel: "requests", parts: 2, height: 200 });
      chart(row, d.label + " CDF", upper, [{ label: "% at or below", values: cdf }], { logX: true, xLabel: "ms", yLabel: "%", parts: 2, height: 200 });
    });
  }

  function latencyTable(parent, latency) {
    var rows = Object.keys(latency || {}).map(function (k) {
      var l = latency[k];
      return [k, l.count, l.mean, l.p50, l.p90, l.p95, l.p99, l.p99_9, l.max];
    });
    table(parent, ["metric (ms)", "count", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"], rows);
  }

  function nonZeroErrors(errors) {
    return Object.keys(errors || {}).filter(function (k) { return errors[k]; }).map(function (k) { return k + " " + errors[k]; }).join(", ") || "none";
  }

  function breakdowns(summary) {
    var s = section("Latency and breakdowns", "tables");
    add(s, "h3", null, "Whole run");
    latencyTable(s, summary.latency_ms);
    add(s, "p", null, "errors: " + nonZeroErrors(summary.errors));
    var stages = summary.stages || [];
    if (stages.length) {
      add(s, "h3", null, "Per stage");
      table(s, ["stage", "kind", "start s", "duration s", "offered req/s", "achieved req/s", "sent", "succeeded", "failed", "TTFT p95", "E2E p95", "output tok/s", "errors"],
        stages.map(function (st) {
          return [st.name, st.kind, st.start_s, st.duration_s, st.offered_rate_per_s, st.achieved_rate_per_s, get(st, "requests.sent"),
            get(st, "requests.succeeded"), get(st, "requests.failed"), get(st, "latency_ms.ttft.p95"), get(st, "latency_ms.e2e.p95"), st.output_tokens_per_s, nonZeroErrors(st.errors)];
        }));
    }
    var categories = summary.categories || [];
    if (categories.length) {
      add(s, "h3", null, "Per category");
      table(s, ["category", "weight share", "share", "measured", "succeeded", "failed", "TTFT p95", "E2E p95", "req/s", "output tok/s", "goodput"],
        categories.map(function (c) {
          return [c.name, c.weight_share, c.share, get(c, "requests.measured"), get(c, "requests.succeeded"), get(c, "requests.failed"),
            get(c, "latency_ms.ttft.p95"), get(c, "latency_ms.e2e.p95"), get(c, "throughput.requests_per_s"), get(c, "throughput.output_tokens_per_s"), c.goodput];
        }));
    }
    if (summary.actions) keyValues(s, "Per user action (sessions)", summary.actions);
    var targets = get(summary, "targets.by_target") || [];
    if (targets.length) {
      add(s, "h3", null, "Per target (" + get(summary, "targets.failed_over") + " requests failed over)");
      table(s, ["target", "role", "weight share", "share", "measured", "succeeded", "failed", "TTFT p95", "E2E p95", "cost USD", "errors"],
        targets.map(function (t) {
          return [t.name, t.role, t.weight_share, t.share, get(t, "requests.measured"), get(t, "requests.succeeded"), get(t, "requests.failed"),
            get(t, "latency_ms.ttft.p95"), get(t, "latency_ms.e2e.p95"), t.cost_usd, nonZeroErrors(t.errors)];
        }));
    }
    (summary.failover || []).forEach(function (drill) {
      keyValues(s, "Failover drill: " + drill.target + " (" + drill.kind + ") " + drill.start_s + " s to " + drill.end_s + " s", drill);
    });
  }

  function tokensAndCost(summary) {
    var s = section("Tokens and cost", "cost");
    keyValues(s, "Tokens", summary.tokens);
    if (summary.cost) {
      keyValues(s, "Cost (USD)", summary.cost);
      var perCategory = summary.cost.per_category || [];
      var perStage = summary.cost.per_stage || [];
      [["Cost per stage", perStage], ["Cost per category", perCategory]].forEach(function (group) {
        if (!group[1].length) return;
        add(s, "h3", null, group[0]);
        var keys = Object.keys(group[1][0]);
        table(s, keys, group[1].map(function (g) { return keys.map(function (k) { return g[k]; }); }));
      });
    } else {
      add(s, "p", null, "No cost: the model has no price.");
    }
    keyValues(s, "Rate limits", summary.rate_limits);
    keyValues(s, "Client", summary.client);
  }

  function runReport() {
    var summary = data.summary;
    header(summary);
    verdict(summary);
    settings(summary);
    timeSeries(data.timeseries || {}, data.errorClasses || []);
    distributions(data.distributions || []);
    breakdowns(summary);
    tokensAndCost(summary);
  }

  // ---- the find-limit report -------------------------------------------------------------------

  function findLimitReport() {
    var f = data.findLimit;
    var target = f.target || {};
    document.title = "llmload find-limit: " + (target.model || "");
    var h = add(root, "header");
    add(h, "h1", null, "llmload find-limit");
    add(h, "p", "subtitle", [target.provider, target.model, target.url].filter(Boolean).join(" · "));
    add(h, "p", "subtitle", "started " + fmt(f.started_at) + " · " + fmt(f.duration_s) + " s · " + fmt(f.requests_sent) + " requests");
    var s = section("Verdict", "verdict-section");
    var unit = get(f, "knee.unit") || "";
    var kneeLoad = get(f, "knee.load"), kneeFailing = get(f, "knee.failing_load");
    var knee = kneeFailing === null || kneeFailing === undefined
      ? (kneeLoad === null || kneeLoad === undefined ? "no step held" : "no limit found, every step held up to " + fmt(kneeLoad) + " " + unit)
      : (kneeLoad === null || kneeLoad === undefined ? "below " + fmt(kneeFailing) + " " + unit + " (the first step failed)" : "~" + fmt(kneeLoad) + " " + unit);
    var saturationFailing = get(f, "saturation.failing_load");
    var saturation = saturationFailing === null || saturationFailing === undefined ? "not reached" : "~" + fmt(get(f, "saturation.load")) + " " + unit;
    var v = add(s, "p", "verdict " + (kneeLoad !== null && kneeLoad !== undefined ? "pass" : "fail"));
    v.id = "verdict";
    v.textContent = "knee: " + knee + " · saturation: " + saturation + " · " + fmt(f.outcome);
    add(s, "p", null, "stopped because: " + fmt(f.stopped_because) + (f.budget_ran_out ? " (a budget ran out)" : ""));
    keyValues(s, "Knee (highest load within the SLOs)", f.knee);
    keyValues(s, "Saturation (highest load the server kept up with)", f.saturation);
    keyValues(s, "Search", f.search);

    var curve = f.curve || [];
    var c = section("Curve", "curve");
    if (!curve.length) { add(c, "p", null, "No step finished."); return; }
    add(c, "p", "hint", "One point per step, by load; dashed lines mark the knee and the saturation point.");
    var load = curve.map(function (p) { return p.load; });
    var marks = [];
    if (get(f, "knee.load") !== null && get(f, "knee.load") !== undefined) marks.push({ x: f.knee.load, label: "knee", color: "#2ca02c" });
    if (get(f, "saturation.load") !== null && get(f, "saturation.load") !== undefined && get(f, "saturation.failing_load") !== null) marks.push({ x: f.saturation.load, label: "saturation", color: "#d62728" });
    var byRate = get(f, "search.by") === "rate";
    var achieved = [];
    if (byRate) achieved.push({ label: "offered req/s", values: curve.map(function (p) { return p.offered_rate === null ? p.load : p.offered_rate; }), points: true, color: "#999" });
    achieved.push({ label: "achieved req/s", values: curve.map(function (p) { return p.achieved_rate; }), points: true, color: palette[0] });
    chart(c, "Achieved vs offered", load, achieved, { xLabel: unit, yLabel: "req/s", marks: marks });
    chart(c, "TTFT vs load", load, [
      { label: "TTFT p95 ms", values: curve.map(function (p) { return p.ttft_p95_ms; }), points: true },
      { label: "TTFT p50 ms", values: curve.map(function (p) { return p.ttft_p50_ms; }), points: true }], { xLabel: unit, yLabel: "ms", marks: marks });
    chart(c, "Error rate vs load", load, [{ label: "error rate %", values: curve.map(function (p) { return p.error_rate * 100; }), points: true }], { xLabel: unit, yLabel: "%", marks: marks });

    var t = section("Steps", "steps");
    table(t, ["step", "load", "verdict", "achieved req/s", "TTFT p95", "E2E p95", "error rate", "requests", "why", "report"], curve.map(function (p) {
      var link = "–";
      if (p.dir && /^[A-Za-z0-9._\/-]+$/.test(p.dir)) {
        link = el("a", null, "open");
        link.setAttribute("href", p.dir + "/report.html");
      }
      return [p.step, p.load, p.verdict, p.achieved_rate, p.ttft_p95_ms, p.e2e_p95_ms, p.error_rate, p.requests, (p.reasons || []).join("; ") || "–", link];
    }));
  }

  if (data.kind === "find-limit") findLimitReport(); else runReport();
})();
