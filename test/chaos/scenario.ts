// One chaos seed, end to end through the real stack: the real sandbox server on loopback, the real
// Gupshup client (undici), makePlan and applyPlan, sharing one rate budget as `waform apply` does.
// Faults on every request: 429s (random, plus the sandbox's real per-app windows, which a pace set
// above them turns into bursts), 5xx, connection resets, responses lost after the server committed,
// and latency spikes past the client's timeout (the server still commits). Plan + apply is re-run
// until a run has no failure (at most MAX_RUNS); then, with faults off, the remote is compared with
// the declaration. Everything random derives from the seed, so a failing seed replays; only the
// interleaving of real I/O can differ between replays.

import { applyPlan } from "../../src/apply/apply.js";
import type { ApplyResult } from "../../src/apply/types.js";
import type { RemoteTemplate } from "../../src/model/template.js";
import { makePlan } from "../../src/plan/make-plan.js";
import type { Plan } from "../../src/plan/types.js";
import { createBudget, type RateBudget } from "../../src/providers/budget/index.js";
import { fetchRemote } from "../../src/providers/fetch-remote.js";
import {
  createGupshupProvider,
  type GupshupProvider,
  READ_RETRY_DELAYS_MS,
} from "../../src/providers/gupshup/index.js";
import { type FaultConfig, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import type { ChaosDeclaration } from "./declaration.js";

export const MAX_RUNS = 3;
const EPOCH = Date.UTC(2030, 0, 1);
const APPROVAL_DELAY_MS = 60_000;

/**
 * What the server does with a second (name, language), and whether its 429s carry Retry-After.
 * Every seed runs in every mode (`modesFor`), so any seed count exercises them all.
 */
export interface ChaosMode {
  name: "refuses duplicates" | "accepts duplicates";
  rejectDuplicates: boolean;
  retryAfterHeader: boolean;
}

export function modesFor(seed: number): ChaosMode[] {
  // Retry-After alternates between the modes, so each seed also sees 429s with and without it
  return [
    { name: "refuses duplicates", rejectDuplicates: true, retryAfterHeader: seed % 2 === 0 },
    { name: "accepts duplicates", rejectDuplicates: false, retryAfterHeader: seed % 2 === 1 },
  ];
}

/**
 * Real-time client timeout against the server that refuses duplicates: two hundred times an
 * ordinary answer's time here (about 1 ms), so only the spikes meet it, even on a loaded machine.
 */
const CLIENT_TIMEOUT_MS = 200;
/**
 * Against a server that accepts duplicates the client must never give up on a request the server
 * may still commit (see faultsFor): a timeout far above any spike, even on a loaded machine.
 */
const PATIENT_CLIENT_TIMEOUT_MS = 5_000;

function clientTimeoutFor(mode: ChaosMode): number {
  return mode.rejectDuplicates ? CLIENT_TIMEOUT_MS : PATIENT_CLIENT_TIMEOUT_MS;
}

/**
 * The faults of one seed: rates vary a little per seed around the issue's figures.
 *
 * Spikes past the client's timeout leave a create in flight at the server after the client gave
 * up; a re-read at that moment cannot see it. The real API refuses a second (name, language), so
 * the retry comes back "already exists" and is adopted: against such a server every spike outlasts
 * the timeout (the client's timer is set before the server's and is shorter, so it fires first
 * whatever the machine's speed). A server that accepts duplicates could only be defended against
 * by waiting out every request the client abandoned, so there spikes stay far within the timeout
 * and test the other ambiguous failures (lost responses, resets, 5xx) instead, with a client that
 * waits long enough never to abandon a request.
 */
export function faultsFor(seed: number, mode: ChaosMode): FaultConfig {
  const r = seededRandom(seed * 7919);
  return {
    seed,
    errorRate: 0.1,
    resetRate: 0.02 + 0.02 * r(),
    rateLimitRate: 0.02 + 0.03 * r(),
    lostResponseRate: 0.04 + 0.04 * r(),
    latencyMs: [0, 1],
    latencySpike: {
      rate: 0.01,
      ms: mode.rejectDuplicates ? [CLIENT_TIMEOUT_MS * 1.5, CLIENT_TIMEOUT_MS * 2] : [15, 30],
    },
  };
}

export interface SeedReport {
  seed: number;
  mode: ChaosMode;
  /** Plan + apply runs until one had no failure. */
  runs: number;
  /** Of those, the runs that got as far as applying (a plan whose reads failed applies nothing). */
  applies: number;
  /** Creates that found their template already there and adopted it (reconciliation at work). */
  adopted: number;
  /** Changes that failed with "already exists": a create sent again without re-reading first. */
  conflicts: number;
  converged: boolean;
  /** Failures the sandbox injected (resets, lost responses, 5xx, 429s) plus latency spikes. */
  faults: number;
  /** 429s answered by the sandbox's own rate limits (not injected). */
  realRateLimited: number;
  requests: number;
  /** (app, name, language) keys held more than once remotely. */
  duplicates: string[];
  /** Declared keys missing remotely. */
  missing: string[];
  /** Changes a fresh plan (faults off) still wants: a field not right, or something left to delete. */
  pending: string[];
  /** Undeclared templates of apps without prune that are gone. */
  wronglyDeleted: string[];
  /** Undeclared templates of the pruning app that are still there. */
  notPruned: string[];
  /** Why runs failed, for a failing seed's message. */
  failures: string[];
}

interface Stack {
  sandbox: RunningSandbox;
  clock: VirtualClock;
  /** For seeding and checking: spends no budget. */
  provider: GupshupProvider;
  /** One per `waform apply` process, on the run's budget. */
  providerFor(budget: RateBudget): GupshupProvider;
}

async function start(seed: number, mode: ChaosMode): Promise<Stack> {
  const clock = new VirtualClock(EPOCH);
  const sandbox = await startSandbox({
    clock,
    seed,
    approvalDelayMs: APPROVAL_DELAY_MS,
    rateLimits: false,
    retryAfterHeader: mode.retryAfterHeader,
    rejectDuplicates: mode.rejectDuplicates,
  });
  const providerFor = (budget?: RateBudget) =>
    createGupshupProvider({
      env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "chaos" },
      clock,
      timeouts: {
        connectMs: clientTimeoutFor(mode),
        headersMs: clientTimeoutFor(mode),
        bodyMs: clientTimeoutFor(mode),
      },
      // as the CLI builds it (cli/provider-factory.ts)
      readRetryDelaysMs: READ_RETRY_DELAYS_MS,
      ...(budget && { budget }),
    });
  return { sandbox, clock, provider: providerFor(), providerFor };
}

/** The remote before apply: outdated declared templates and undeclared ones, APPROVED a day ago. */
async function seedRemote({ sandbox, clock, provider }: Stack, decl: ChaosDeclaration): Promise<void> {
  const appOf = (alias: string) => decl.apps.find((a) => a.alias === alias)!;
  for (const { template, content } of decl.outdated)
    await provider.createTemplate(appOf(template.app), template, content);
  for (const { app, key, content } of decl.undeclared) await provider.createTemplate(app, key, content);
  // a day old, as an account's existing templates are (and past any edit window)
  await clock.advance(25 * 3_600_000);
  // the Partner API's documented limits from here on
  sandbox.configure({ rateLimits: { templates: { limit: 10, windowMs: 60_000 } } });
  sandbox.resetStats();
}

/** The notes of a create that found its template already there (apply/reconcile.ts). */
const ADOPTED = /adopted|took effect although its answer was lost/;

/** One `waform apply`: plan from the remote, then apply, on one budget for both. */
async function applyOnce(stack: Stack, decl: ChaosDeclaration, seed: number, run: number) {
  const provider = stack.providerFor(createBudget({ clock: stack.clock, parallelism: 16 }));
  try {
    return await planAndApply(stack, provider, decl, seed, run);
  } finally {
    await provider.close();
  }
}

async function planAndApply(
  stack: Stack,
  provider: GupshupProvider,
  decl: ChaosDeclaration,
  seed: number,
  run: number,
) {
  let remote: RemoteTemplate[];
  try {
    remote = (await fetchRemote(provider, decl.apps)).templates;
  } catch (err) {
    return { ok: false, why: `plan: ${(err as Error).message}`, adopted: 0, conflicts: 0, applied: false };
  }
  const plan = makePlan(decl.desired, remote, { apps: decl.apps, now: stack.clock.now() });
  const result: ApplyResult = await applyPlan(plan, {
    provider,
    clock: stack.clock,
    random: seededRandom(seed * 31 + run),
  });
  const failed = result.outcomes.filter((o) => o.outcome === "failed");
  const adopted = result.outcomes.filter(
    (o) => o.action === "create" && o.outcome !== "failed" && ADOPTED.test(o.message ?? ""),
  ).length;
  // a change that failed because its template "already exists": a create sent again blind
  const conflicts = failed.filter((o) => o.errorKind === "conflict").length;
  if (failed.length === 0 && !result.stopped) return { ok: true, why: "", adopted, conflicts, applied: true };
  return {
    adopted,
    conflicts,
    applied: true,
    ok: false,
    why: `apply: ${result.stopped ?? ""} ${failed.map((f) => `${f.key.app}/${f.key.name}: ${f.message}`).join("; ")}`,
  };
}

function notNoop(plan: Plan): string[] {
  return plan.changes
    .filter((c) => c.action !== "noop")
    .map(
      (c) =>
        `${c.action} ${c.key.app}/${c.key.name}/${c.key.language} (${c.reason}: ${c.fields.map((f) => `${f.path} ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}`).join(", ")})`,
    );
}

export async function runChaosSeed(
  seed: number,
  mode: ChaosMode,
  decl: ChaosDeclaration,
): Promise<SeedReport> {
  const stack = await start(seed, mode);
  const { sandbox, clock, provider } = stack;
  try {
    await seedRemote(stack, decl);
    sandbox.setFaults(faultsFor(seed, mode));

    const failures: string[] = [];
    let runs = 0;
    let adopted = 0;
    let applies = 0;
    let conflicts = 0;
    let converged = false;
    while (!converged && runs < MAX_RUNS) {
      runs++;
      const run = await applyOnce(stack, decl, seed, runs);
      converged = run.ok;
      adopted += run.adopted;
      if (run.applied) applies++;
      conflicts += run.conflicts;
      if (!run.ok) failures.push(`run ${runs}: ${run.why}`);
    }

    const stats = sandbox.stats();
    sandbox.setFaults({});
    sandbox.configure({ rateLimits: false });
    const remote = (await fetchRemote(provider, decl.apps)).templates;
    const fresh = makePlan(decl.desired, remote, { apps: decl.apps, now: clock.now() });

    const counts = new Map<string, number>();
    const byId = new Map(decl.apps.map((a) => [a.appId, a.alias]));
    for (const t of sandbox.state().templates) {
      const key = `${byId.get(t.appId)}/${t.elementName}/${t.languageCode}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const has = (key: string) => counts.has(key);
    const undeclaredKeys = decl.undeclared.map((u) => ({
      prune: u.app.prune,
      key: `${u.key.app}/${u.key.name}/${u.key.language}`,
    }));
    const f = stats.faults;
    return {
      seed,
      mode,
      runs,
      applies,
      conflicts,
      adopted,
      converged,
      faults: f.reset + f.lost + f.error + f.rateLimited + f.spiked,
      realRateLimited: stats.rateLimited - f.rateLimited,
      requests: stats.total,
      duplicates: [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`),
      missing: decl.desired.map((d) => `${d.app}/${d.name}/${d.language}`).filter((k) => !has(k)),
      pending: notNoop(fresh),
      wronglyDeleted: undeclaredKeys.filter((u) => !u.prune && !has(u.key)).map((u) => u.key),
      notPruned: undeclaredKeys.filter((u) => u.prune && has(u.key)).map((u) => u.key),
      failures,
    };
  } finally {
    await provider.close();
    await sandbox.close();
  }
}
