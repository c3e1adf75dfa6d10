// Secrets come from the environment only. As a last line of defence, everything waform writes to
// the terminal or to a file passes through `redact`, which masks the values of every environment
// variable whose name says it holds a secret.

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|_KEY$|CREDENTIAL)/i;
/** Shorter values would mask ordinary words; real tokens are much longer. */
const MIN_SECRET_LENGTH = 6;

let cached: { values: string[]; env: NodeJS.ProcessEnv } | undefined;

export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  if (cached && cached.env === env) return cached.values;
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH || !SECRET_NAME.test(name)) continue;
    values.add(value);
    // also catch the value as it appears URL- or JSON-encoded
    values.add(encodeURIComponent(value));
    values.add(JSON.stringify(value).slice(1, -1));
  }
  // longest first, so a secret that contains another is masked whole
  const sorted = [...values].sort((a, b) => b.length - a.length);
  cached = { values: sorted, env };
  return sorted;
}

export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const secret of secretValues(env)) {
    if (out.includes(secret)) out = out.split(secret).join("***");
  }
  return out;
}
