// The results as Markdown (what BENCHMARKS.md records) and the targets of issue 6, each with its
// measured value and pass/miss.

const MiB = 1024;

function s(ms) {
  return ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${Math.round(ms)} ms`;
}

function mb(kb) {
  return kb ? `${Math.round(kb / MiB)} MiB` : "?";
}

function x(ratio) {
  return `${ratio.toFixed(ratio >= 10 ? 0 : 2)}×`;
}

/** Every target of the issue that these results can speak to. */
export function evaluateTargets(results) {
  const targets = [];
  const add = (name, measured, pass) => targets.push({ name, measured, pass });
  for (const p of results.plan) {
    const ok = p.plan.requestsAllRuns.length === 1 && p.plan.requests === p.expectedRequests;
    add(
      `plan at ${p.templates}: requests = apps × (token + list pages) = ${p.apps} + ${p.listPages}`,
      `${p.plan.requestsAllRuns.join("/")} (floor ${p.floor.requests}, baseline ${p.baseline.requests})`,
      ok,
    );
  }
  const largest = results.plan.at(-1);
  if (largest) {
    const ratio = largest.plan.wallMs / largest.floor.wallMs;
    add(
      `plan at ${largest.templates}: wall ≤ 1.5 × floor`,
      `${x(ratio)} (${s(largest.plan.wallMs)} vs ${s(largest.floor.wallMs)})`,
      ratio <= 1.5,
    );
    const speedup = largest.baseline.wallMs / largest.plan.wallMs;
    add(
      `plan at ${largest.templates}: ≥ 20 × faster than the per-template baseline`,
      `${x(speedup)} (${s(largest.baseline.wallMs)} vs ${s(largest.plan.wallMs)})`,
      speedup >= 20,
    );
    add(
      `plan at ${largest.templates}: peak RSS ≤ 200 MiB`,
      mb(largest.plan.rssKb),
      largest.plan.rssKb <= 200 * MiB,
    );
  }
  if (results.validate) {
    const v = results.validate;
    add(`validate at ${v.templates}: ≤ 1 s`, s(v.wallMs), v.wallMs <= 1000);
  }
  for (const a of results.apply ?? []) {
    if (a.mode === "configured") {
      add(
        "apply, limit configured: wall ≤ 1.1 × rate-limit bound (+ 1 s of round trips)",
        `${s(a.applyMs)} (bound ${s(a.boundMs)})`,
        a.applyMs <= 1.1 * a.boundMs + 1000,
      );
      add("apply, limit configured: zero 429s", String(a.rateLimited), a.rateLimited === 0);
    } else {
      add(
        "apply, limit unknown: at most one 429 per app",
        `${a.rateLimited} over ${a.apps} apps (${a.requests} requests)`,
        a.rateLimited <= a.apps,
      );
      add(
        "apply, limit unknown: every template created exactly once",
        `${a.created} created, ${a.remoteTemplates} on the remote, ${a.duplicates} duplicates`,
        a.created === a.creates && a.remoteTemplates === a.creates && a.duplicates === 0,
      );
    }
  }
  for (const r of results.rateLimited ?? []) {
    const calls = `${r.templateCalls} template calls`;
    if (r.mode === "configured") {
      add(
        `one app at ${r.limitPerMinute}/min, limit configured: zero 429s over plan + apply + verify`,
        `${r.rateLimited} (${calls})`,
        r.rateLimited === 0,
      );
      add(
        `one app at ${r.limitPerMinute}/min, limit configured: whole run ≤ 1.1 × the bound its calls imply`,
        `${x(r.wallMs / r.boundMs)} (${s(r.wallMs)} vs ${s(r.boundMs)})`,
        r.wallMs <= 1.1 * r.boundMs,
      );
    } else {
      add(
        `one app at ${r.limitPerMinute}/min, limit learned: at most one 429`,
        `${r.rateLimited} (${calls}; whole run ${s(r.wallMs)} vs bound ${s(r.boundMs)})`,
        r.rateLimited <= 1,
      );
    }
  }
  if (results.startup) {
    const ratio = results.startup.versionMs / results.startup.nodeMs;
    add(
      "`waform --version` ≤ 2 × `node -e 0`",
      `${x(ratio)} (${s(results.startup.versionMs)} vs ${s(results.startup.nodeMs)})`,
      ratio <= 2,
    );
  }
  return targets;
}

export function renderMarkdown(results) {
  const m = results.machine;
  const lines = [
    `Machine: ${m.cpus} × ${m.cpuModel}, ${Math.round(m.memoryMb / 1024)} GiB, ${m.platform}, Node ${m.node}; load average ${m.loadBefore.map((l) => l.toFixed(2)).join(" ")} before, ${m.loadAfter.map((l) => l.toFixed(2)).join(" ")} after. Sandbox: separate process, ${results.settings.latencyMs} ms latency per request. ${results.settings.startedAt}.`,
    "",
  ];
  if (results.plan.length) {
    lines.push(
      `### Plan, ${results.settings.apps} apps (median of ${results.settings.repeat} runs)`,
      "",
      "| templates | waform plan | floor | per-template baseline | plan / floor | baseline / plan | requests: plan · floor · baseline | peak RSS: plan · floor |",
      "|---:|---:|---:|---:|---:|---:|---|---|",
    );
    for (const p of results.plan) {
      lines.push(
        `| ${p.templates.toLocaleString("en-US")} | ${s(p.plan.wallMs)} | ${s(p.floor.wallMs)} | ${s(p.baseline.wallMs)} | ${x(p.plan.wallMs / p.floor.wallMs)} | ${x(p.baseline.wallMs / p.plan.wallMs)} | ${p.plan.requests} · ${p.floor.requests} · ${p.baseline.requests} | ${mb(p.plan.rssKb)} · ${mb(p.floor.rssKb)} |`,
      );
    }
    lines.push("");
  }
  if (results.apply?.length) {
    lines.push(
      "### Apply throughput",
      "",
      "| limit | creates | server limit | bound | apply | apply / bound | whole process | 429s | requests | created | on remote |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const a of results.apply) {
      lines.push(
        `| ${a.mode} | ${a.creates} over ${a.apps} apps | ${a.limitPerMinute}/min/app | ${s(a.boundMs)} | ${s(a.applyMs)} | ${a.boundMs ? x(a.applyMs / a.boundMs) : "–"} | ${s(a.wallMs)} | ${a.rateLimited} | ${a.requests} | ${a.created} | ${a.remoteTemplates} |`,
      );
    }
    lines.push("");
  }
  if (results.rateLimited?.length) {
    lines.push(
      "### One app at the real limit: plan + apply + verify in one process",
      "",
      "| limit | creates | server limit | template calls | 429s | bound | whole run | run / bound | approved | wait lines |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const r of results.rateLimited) {
      lines.push(
        `| ${r.mode} | ${r.creates} | ${r.limitPerMinute}/min | ${r.templateCalls} | ${r.rateLimited} | ${s(r.boundMs)} | ${s(r.wallMs)} | ${x(r.wallMs / r.boundMs)} | ${r.approved} | ${r.waitLines} |`,
      );
    }
    lines.push("");
  }
  if (results.startup || results.validate) {
    lines.push("### Start-up and validate", "", "| command | median wall | peak RSS |", "|---|---:|---:|");
    if (results.startup) {
      lines.push(`| \`node -e 0\` | ${s(results.startup.nodeMs)} | |`);
      lines.push(`| \`waform --version\` | ${s(results.startup.versionMs)} | |`);
    }
    if (results.validate) {
      lines.push(
        `| \`waform validate\` (${results.validate.templates.toLocaleString("en-US")} templates) | ${s(results.validate.wallMs)} | ${mb(results.validate.rssKb)} |`,
      );
    }
    lines.push("");
  }
  lines.push("### Targets", "", "| target | measured | |", "|---|---|---|");
  for (const t of results.targets)
    lines.push(`| ${t.name} | ${t.measured} | ${t.pass ? "pass" : "**miss**"} |`);
  return `${lines.join("\n")}\n`;
}
