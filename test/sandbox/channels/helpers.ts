// Calls a channel route the way the sandbox server would: a PreparedRequest (as the send channels
// build it) is encoded exactly as the HTTP client encodes it, then handed to `route.handle()`
// with a fake SandboxContext holding views of the fixture templates.

import { Response } from "undici";
import type { DesiredTemplate } from "../../../src/model/template.js";
import { encodeBody } from "../../../src/providers/senders/http.js";
import type { PreparedRequest } from "../../../src/providers/senders/port.js";
import { channelRoutes } from "../../../src/sandbox/channels/index.js";
import type {
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
  SandboxSend,
  SandboxTemplateView,
} from "../../../src/sandbox/route.js";
import { NOW, remoteIdOf } from "../../providers/senders/fixtures.js";

/** The sandbox's view of a declared template, as the Partner simulator would hold it once approved. */
export function viewOf(t: DesiredTemplate, status = "APPROVED"): SandboxTemplateView {
  const media =
    t.header && ["image", "video", "document"].includes(t.header.type)
      ? t.header.type.toUpperCase()
      : undefined;
  const templateType =
    t.kind === "multi_product" ? "PRODUCT" : t.kind === "catalog" ? "CATALOG" : (media ?? "TEXT");
  const headerType = t.header ? t.header.type.toUpperCase() : undefined;
  return {
    id: remoteIdOf(t.name),
    appId: "a41b30f4-d202-4fdb-911e-3a8fbfbfb797",
    elementName: t.name,
    languageCode: t.language,
    status,
    category: t.category,
    templateType,
    isLTO: t.kind === "lto",
    hasExpiration: t.lto?.hasExpiration === true,
    buttonTypes: t.buttons.map((b) => b.type.toUpperCase()),
    urls: t.buttons.flatMap((b) => (b.type === "url" ? [b.url] : [])),
    bodyVariables: new Set([...t.body.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)].map((m) => m[1])).size,
    ...(headerType && { headerType }),
  };
}

export interface FakeContext extends SandboxContext {
  sends: SandboxSend[];
}

export function fakeContext(views: SandboxTemplateView[], now = NOW): FakeContext {
  let n = 0;
  const sends: SandboxSend[] = [];
  return {
    sends,
    now: () => now,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    findTemplateById: (id) => views.find((v) => v.id === id),
    findTemplatesByName: (name, language) =>
      views.filter((v) => v.elementName === name && (language === undefined || v.languageCode === language)),
    recordSend: (s) => sends.push(s),
  };
}

export async function toSandboxRequest(req: PreparedRequest): Promise<SandboxRequest> {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  const encoded = encodeBody(req.body);
  let rawBody: Buffer;
  if (typeof encoded === "string") rawBody = Buffer.from(encoded, "utf8");
  else {
    const r = new Response(encoded);
    headers["content-type"] = r.headers.get("content-type")!;
    rawBody = Buffer.from(await r.arrayBuffer());
  }
  return { method: req.method, path: url.pathname, query: url.searchParams, headers, rawBody };
}

/** Routes the request through `channelRoutes` like the server does (method + path pattern). */
export async function dispatch(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  for (const route of channelRoutes) {
    const m = route.method === req.method ? route.pattern.exec(req.path) : null;
    // decoded as the server decodes path parameters
    const params = Object.fromEntries(
      Object.entries(m?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    if (m) return route.handle(req, params, ctx);
  }
  throw new Error(`no channel route for ${req.method} ${req.path}`);
}

export async function send(prepared: PreparedRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  return dispatch(await toSandboxRequest(prepared), ctx);
}

/** Kaleyra/Gupshup error text of a response body, for assertions. */
export function errorText(res: SandboxResponse): string {
  return JSON.stringify(res.body);
}
