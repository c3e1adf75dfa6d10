// Every secret the client holds or receives (env tokens and secrets, login and app tokens) is
// registered here, and every message it builds from a server's answer passes through `clean`:
// a server that echoes our headers back in an error body must not make us print a token.

const MIN_LENGTH = 4;

export class SecretSet {
  private values: string[] = [];

  add(value: string | undefined): void {
    if (!value || value.length < MIN_LENGTH) return;
    const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
    for (const form of forms) if (!this.values.includes(form)) this.values.push(form);
    // longest first, so a secret containing another is masked whole
    this.values.sort((a, b) => b.length - a.length);
  }

  clean(text: string): string {
    let out = text;
    for (const secret of this.values) if (out.includes(secret)) out = out.split(secret).join("***");
    return out;
  }
}

/** The environment variables whose values are secrets, by name. */
export const SECRET_ENV = /^GUPSHUP_(PARTNER_TOKEN|SECRET|UNIVERSAL_TOKEN|APP_TOKEN_.+)$/;

export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): SecretSet {
  const set = new SecretSet();
  for (const [name, value] of Object.entries(env)) if (SECRET_ENV.test(name)) set.add(value?.trim());
  return set;
}
