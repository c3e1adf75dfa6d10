// Raw HTTP against a sandbox, as curl would do it: the sandbox tests check the wire, not the client.

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected freely in tests
  body: any;
  headers: Headers;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { auth?: string; form?: Record<string, string>; json?: unknown; multipart?: FormData } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.auth !== undefined) headers["authorization"] = opts.auth;
  let body: string | FormData | undefined;
  if (opts.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.multipart) body = opts.multipart;
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const APP = "0b5a1e4c-2f1d-4c1e-9a51-7d2f0e6b1a10";

/** The legacy app token of `appId`, fetched with any partner token. */
export async function appToken(base: string, appId = APP): Promise<string> {
  const r = await call(base, "GET", `/partner/app/${appId}/token`, { auth: "any" });
  if (r.status !== 200) throw new Error(`app token: HTTP ${r.status}`);
  return r.body.token.token as string;
}

/** A valid TEXT template create form; override any field. */
export function textForm(name: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    elementName: name,
    languageCode: "en",
    category: "MARKETING",
    templateType: "TEXT",
    vertical: "offers",
    content: "Hi {{1}}, welcome.",
    example: "Hi Ana, welcome.",
    enableSample: "true",
    ...over,
  };
}

export function ltoForm(name: string, over: Record<string, string> = {}): Record<string, string> {
  return textForm(name, {
    content: "Hi {{1}}, your summer deal is here.",
    example: "Hi Pablo, your summer deal is here.",
    isLTO: "true",
    limitedOfferText: "Offer ends soon",
    hasExpiration: "true",
    buttons: JSON.stringify([
      { type: "COPY_CODE", example: "250FF" },
      {
        type: "URL",
        text: "Shop Now",
        url: "https://www.luckyshrub.com/shop?promo={{1}}",
        example: ["summer2023"],
      },
    ]),
    ...over,
  });
}

/** Creates a template and returns its id (throws on a refusal). */
export async function create(
  base: string,
  token: string,
  form: Record<string, string>,
  appId = APP,
): Promise<string> {
  const r = await call(base, "POST", `/partner/app/${appId}/templates`, { auth: token, form });
  if (r.status !== 200) throw new Error(`create: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.template.id as string;
}

export async function list(base: string, token: string, query = "", appId = APP): Promise<Answer> {
  return call(base, "GET", `/partner/app/${appId}/templates${query}`, { auth: token });
}
