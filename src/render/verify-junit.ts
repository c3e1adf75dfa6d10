// The verify report as JUnit XML (`--junit FILE`), the format CI dashboards read. One test suite
// per app; one test case per template's approval and one per test send. The JUnit categories
// follow the exit codes: <failure> for what makes verify exit 3 (rejected, not sendable, send
// failed), <error> for what makes it exit 1 (timeout, not found, list error), <skipped> for the
// sends of a template that never got approved. Written by `apply --junit`, it also has one suite
// per app for the changes apply made: created, adopted, updated, replaced, deleted pass (the
// outcome in <system-out>), a failed change is a <failure>, a change not run is <skipped>; a change
// blocked in the plan is <skipped>, one the API refused for its edit quota a <failure> of type
// `edit_quota` (both say why, and until when).

import type { ApplyResult, ChangeOutcome } from "../apply/types.js";
import { formatDurationRounded } from "../model/duration.js";
import { templateKey } from "../model/template.js";
import type { SendOutcome, TemplateVerification, VerifyReport } from "../verify/report.js";
import { inertText } from "./inert.js";
import { describeApproval, describeSendError, sendSucceeded } from "./verify-common.js";

export interface JunitOptions {
  /** Name of the outer <testsuites>. Default `waform verify` (`waform apply` with apply results). */
  name?: string;
  /** apply's results: one suite per app for the changes, before the verify suites. */
  apply?: ApplyResult;
}

interface Case {
  name: string;
  timeMs: number;
  result?: { tag: "failure" | "error" | "skipped"; type?: string; message: string; body?: string };
  out?: string;
}

interface Suite {
  /** `apply` or `verify`: the suite's name and class name start with it. */
  step: "apply" | "verify";
  app: string;
  cases: Case[];
}

function suiteOf(suites: Suite[], step: Suite["step"], app: string): Suite {
  let suite = suites.find((s) => s.step === step && s.app === app);
  if (!suite) {
    suite = { step, app, cases: [] };
    suites.push(suite);
  }
  return suite;
}

/** The verify report as JUnit; with `opts.apply`, apply's changes too (the report may then be absent). */
export function renderVerifyJunit(report: VerifyReport | undefined, opts: JunitOptions = {}): string {
  const suites: Suite[] = [];
  for (const o of opts.apply?.outcomes ?? []) {
    if (o.action === "noop") continue;
    suiteOf(suites, "apply", o.key.app).cases.push(applyCase(o));
  }
  for (const t of report?.templates ?? []) {
    const suite = suiteOf(suites, "verify", t.key.app);
    suite.cases.push(approvalCase(t));
    for (const send of t.sends) suite.cases.push(sendCase(t, send));
    if (t.hasTest && t.sends.length === 0 && t.state !== "approved") {
      suite.cases.push({
        name: `${caseName(t)}: test send`,
        timeMs: 0,
        result: { tag: "skipped", message: "not sent: the template is not approved" },
      });
    }
  }

  const startedAt = opts.apply?.startedAt ?? report?.startedAt ?? 0;
  const finishedAt = report?.finishedAt ?? opts.apply?.finishedAt ?? startedAt;
  const timestamp = new Date(startedAt).toISOString().replace(/\.\d{3}Z$/, "");
  const all = suites.flatMap((s) => s.cases);
  const name = opts.name ?? (opts.apply ? "waform apply" : "waform verify");
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites ${attrs({ name, ...counts(all), time: seconds(finishedAt - startedAt) })}>`,
  ];
  for (const suite of suites) {
    const time = seconds(Math.max(0, ...suite.cases.map((c) => c.timeMs)));
    lines.push(
      `  <testsuite ${attrs({ name: `${suite.step} ${suite.app}`, ...counts(suite.cases), time, timestamp })}>`,
    );
    for (const c of suite.cases) lines.push(...caseXml(c, `waform.${suite.step}.${suite.app}`));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

function applyCase(o: ChangeOutcome): Case {
  const c: Case = { name: `${o.key.name}/${o.key.language}: ${o.action}`, timeMs: 0 };
  const detail = `${templateKey(o.key)}: ${o.outcome}${o.message ? ` (${o.message})` : ""}`;
  if (o.outcome === "failed") {
    c.result = {
      tag: "failure",
      type: o.errorKind ?? "failed",
      message: o.message ?? "failed",
      body: detail,
    };
  } else if (o.outcome === "blocked") {
    // blocked in the plan: known and reviewed, so skipped; refused by the API for the edit quota:
    // apply did not do what the plan showed (exit 1), so a failure, with when it can be made
    const until = o.blockedUntil === undefined ? "" : `; until ${new Date(o.blockedUntil).toISOString()}`;
    const message = `blocked (${o.reason}${until}): ${o.message ?? o.reason}`;
    c.result =
      o.action === "blocked"
        ? { tag: "skipped", message }
        : { tag: "failure", type: o.reason, message, body: detail };
  } else if (o.outcome === "skipped") {
    c.result = { tag: "skipped", message: o.message ?? "not applied" };
  } else {
    c.out = detail;
  }
  return c;
}

function caseName(t: TemplateVerification): string {
  return `${t.key.name}/${t.key.language}`;
}

function approvalCase(t: TemplateVerification): Case {
  const c: Case = { name: `${caseName(t)}: approval`, timeMs: t.waitedMs };
  const detail = `${templateKey(t.key)}: ${describeApproval(t)}`;
  switch (t.state) {
    case "approved":
      c.out = detail;
      break;
    case "rejected":
    case "not_sendable":
      c.result = { tag: "failure", type: t.status ?? t.state, message: describeApproval(t), body: detail };
      break;
    default:
      c.result = {
        tag: "error",
        type: t.state,
        message: describeApproval(t),
        body: `${detail}\nwaited ${formatDurationRounded(t.waitedMs)}`,
      };
  }
  return c;
}

function sendCase(t: TemplateVerification, send: SendOutcome): Case {
  const c: Case = { name: `${caseName(t)}: send to ${send.destination} via ${send.channel}`, timeMs: 0 };
  if (sendSucceeded(send)) {
    c.out = `message id ${send.messageId}`;
  } else {
    const message = send.error ? describeSendError(send.error) : "no message id returned";
    c.result = { tag: "failure", type: send.error?.kind ?? "send", message, body: message };
  }
  return c;
}

function counts(cases: Case[]): Record<string, number> {
  const n = (tag: string) => cases.filter((c) => c.result?.tag === tag).length;
  return { tests: cases.length, failures: n("failure"), errors: n("error"), skipped: n("skipped") };
}

function caseXml(c: Case, classname: string): string[] {
  const open = `    <testcase ${attrs({ classname, name: c.name, time: seconds(c.timeMs) })}`;
  if (!c.result && c.out === undefined) return [`${open}/>`];
  const out = [`${open}>`];
  if (c.result) {
    const a = attrs({
      ...(c.result.type !== undefined && { type: c.result.type }),
      message: c.result.message,
    });
    out.push(
      c.result.body === undefined
        ? `      <${c.result.tag} ${a}/>`
        : `      <${c.result.tag} ${a}>${escapeText(c.result.body)}</${c.result.tag}>`,
    );
  }
  if (c.out !== undefined) out.push(`      <system-out>${escapeText(c.out)}</system-out>`);
  out.push("    </testcase>");
  return out;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeAttr(String(v))}"`)
    .join(" ");
}

/**
 * Characters XML 1.0 cannot carry at all (lone surrogates, U+FFFE/U+FFFF): they are dropped, since
 * a provider's error text could contain anything. Controls and bidi overrides are made visible
 * escapes first (inert.ts): CI dashboards show this text to people.
 */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return inertText(s).replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}
