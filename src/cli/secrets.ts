// Secrets come from the environment only. What waform writes falls in two classes, and a secret is
// handled differently in each:
//
// - logs, errors and progress (stderr, listr2): `redact` masks the value of every environment
//   variable whose name looks secret (SHOP_API_KEY too: defence in depth, since a log line may
//   quote anything and nobody needs a log to be exact);
// - data (saved plans, imports, JUnit, reports on stdout, the CI step summary): written verbatim,
//   because the reviewer must see, and apply must send, the exact text. Masking there rewrote
//   declarations ("welcome to the *** shop" for SHOP_API_KEY=sweets). Instead `checkData` refuses,
//   naming the variable, when the value of a credential *waform itself reads* would be written.
//   An arbitrary variable (SHOP_API_KEY) is not waform's secret: its value may be template text.

import { UserError } from "../model/errors.js";

/** Names that look secret: their values are masked in logs and errors. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|_KEY$|CREDENTIAL)/i;

/**
 * The credentials waform reads (the Partner API client: providers/gupshup/auth.ts; the test-send
 * channels: providers/senders/; `waform github`: cli/github/context.ts): a data file, report or
 * comment that would carry one of their values is refused. test/cli/secrets.test.ts keeps this
 * list in step with the code that reads them.
 */
export const CREDENTIAL_VARIABLES =
  /^(GUPSHUP_(PARTNER_TOKEN|SECRET|UNIVERSAL_TOKEN|APP_TOKEN_[A-Z0-9_]+|API_KEY)|KALEYRA_API_KEY|GITHUB_TOKEN|GH_TOKEN)$/;

/** Shorter values would match ordinary words; real tokens are much longer. */
const MIN_SECRET_LENGTH = 6;

interface Secret {
  name: string;
  /** The value and the forms it takes inside a URL or a JSON string, longest first. */
  forms: string[];
}

function formsOf(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

function secretsOf(env: NodeJS.ProcessEnv, named: RegExp): Secret[] {
  const out: Secret[] = [];
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim();
    if (!value || value.length < MIN_SECRET_LENGTH || !named.test(name)) continue;
    out.push({ name, forms: formsOf(value) });
  }
  return out;
}

const cache = new WeakMap<NodeJS.ProcessEnv, { masked: string[]; credentials: Secret[] }>();

function secrets(env: NodeJS.ProcessEnv): { masked: string[]; credentials: Secret[] } {
  const known = cache.get(env);
  if (known) return known;
  // longest first, so a secret that contains another is masked whole
  const masked = [...new Set(secretsOf(env, SECRET_NAME).flatMap((s) => s.forms))].sort(
    (a, b) => b.length - a.length,
  );
  const found = { masked, credentials: secretsOf(env, CREDENTIAL_VARIABLES) };
  cache.set(env, found);
  return found;
}

/** For logs, errors and progress: every secret-looking variable's value as `***`. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const secret of secrets(env).masked) {
    if (out.includes(secret)) out = out.split(secret).join("***");
  }
  return out;
}

/** The credential variable whose value `text` contains, if any (its name, never the value). */
export function credentialIn(text: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return secrets(env).credentials.find((s) => s.forms.some((f) => text.includes(f)))?.name;
}

/**
 * For data: `text` itself, unchanged, unless it contains the value of a credential waform reads;
 * then a UserError naming the variable (not the value) and what was being written.
 */
export function checkData(text: string, what: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = credentialIn(text, env);
  if (name === undefined) return text;
  throw new UserError(
    `refusing to write ${what}: it would contain the value of ${name}`,
    `a credential has no place in templates or reports: remove it from the declaration (or the remote template), and rotate ${name} if it was committed or sent anywhere`,
  );
}
