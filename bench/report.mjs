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
      const ratio = a.applyMs / a.boundMs;
      add(
        "apply, limit configured: wall ≤ 1.15 × rate-limit bound",
        `${x(ratio)} (${s(a.applyMs)} vs ${s(a.boundMs)})`,
        ratio <= 1.15,
      );
      add("apply, limit configured: zero 429s", String(a.rateLimited), a.rateLimited === 0);
    } else {
      const share = a.rateLimited / a.requests;
      add(
        "apply, limit unknown: ≤ 5 % of requests answered 429",
        `${(share * 100).toFixed(1)} % (${a.rateLimited}/${a.requests})`,
        share <= 0.05,
      );
      add(
        "apply, limit unknown: every template created exactly once",
        `${a.created} created, ${a.remoteTemplates} on the remote, ${a.duplicates} duplicates`,
        a.created === a.creates && a.remoteTemplates === a.creates && a.duplicates === 0,
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
        `| ${a.mode} | ${a.creates} over ${a.apps} apps | ${a.limitPerMinute}/min/app | ${s(a.boundMs)} | ${s(a.applyMs)} | ${x(a.applyMs / a.boundMs)} | ${s(a.wallMs)} | ${a.rateLimited} | ${a.requests} | ${a.created} | ${a.remoteTemplates} |`,
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
