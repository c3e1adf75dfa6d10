// A PreparedRequest as the curl command that sends it (`waform send-preview`). Every secret —
// the values of `secretHeaders`, as headers or form fields, and every `secretValues` — is shown as
// `***`, and any other occurrence of those values (e.g. in the URL) is masked too.

import type { PreparedRequest } from "../providers/senders/port.js";
import { inertJson, respellActive } from "./inert.js";

export const MASK = "***";

export interface CurlOptions {
  /** Pretty-print a JSON body (same JSON value; default true). */
  pretty?: boolean;
}

export function renderCurl(req: PreparedRequest, options: CurlOptions = {}): string {
  const secretNames = new Set(req.secretHeaders.map((n) => n.toLowerCase()));
  const isSecret = (name: string) => secretNames.has(name.toLowerCase());
  const secretValues = new Set<string>(req.secretValues ?? []);

  const lines = [`curl -X ${req.method} ${shellQuote(req.url)}`];
  for (const [name, value] of Object.entries(req.headers)) {
    if (isSecret(name)) secretValues.add(value);
    lines.push(`-H ${shellQuote(`${name}: ${isSecret(name) ? MASK : value}`)}`);
  }
  const body = req.body;
  switch (body.kind) {
    case "form":
    case "multipart": {
      // --data-urlencode encodes the value as the client does; --form-string never reads `@file`
      const flag = body.kind === "form" ? "--data-urlencode" : "--form-string";
      for (const [name, value] of body.fields) {
        if (isSecret(name)) secretValues.add(value);
        lines.push(`${flag} ${shellQuote(`${name}=${isSecret(name) ? MASK : value}`)}`);
      }
      break;
    }
    case "json":
      lines.push(
        // inertJson: the same JSON value, with bidi and C1 controls spelled as \u escapes
        `--data-raw ${shellQuote(inertJson(JSON.stringify(body.value, null, options.pretty === false ? 0 : 2)))}`,
      );
      break;
  }
  return mask(lines.join(" \\\n  "), secretValues) + "\n";
}

/**
 * POSIX single quotes: only `'` itself needs care. A value with control or bidi characters (a test
 * param from a pull request) would act on the terminal it is printed to, so each such character is
 * written as `"$(printf '\ooo…')"` (the octal escapes of its UTF-8 bytes) between the quoted runs:
 * the command shows no raw control character, runs in any POSIX shell, and sends the same bytes.
 */
function shellQuote(value: string): string {
  const quoted = `'${value.replaceAll("'", `'\\''`)}'`;
  const utf8 = new TextEncoder();
  return respellActive(quoted, (run) => {
    const octal = [...utf8.encode(run)].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("");
    return `'"$(printf '${octal}')"'`;
  });
}

function mask(text: string, secrets: Set<string>): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length === 0 || secret === MASK) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join(MASK);
    }
  }
  return out;
}
