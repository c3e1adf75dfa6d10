// Simulator of Kaleyra v1 `POST /v1/{sid}/messages` with `type=mediatemplate` (seed 001,
// send-apis.md §5): a multipart form whose values are strings: `params` a quoted CSV,
// `coupon_code` wrapped in literal quotes, `limited_time_offer` a JSON-array string.

import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxRoute } from "../route.js";
import {
  approvedByName,
  checkCoupon,
  checkExpiration,
  isHttpUrl,
  isNonEmptyString,
  isObject,
  PHONE,
  Problems,
  parseJson,
  type TemplateShape,
  templateShape,
} from "./checks.js";
import { kaleyraError } from "./kaleyra-errors.js";
import { FOREIGN_SENDER_PREFIX, hasPrefix, INVALID_KEY, RECIPIENT_PREFIX } from "./magic.js";

export const kaleyraV1Route: SandboxRoute = {
  method: "POST",
  pattern: /^\/v1\/(?<sid>[^/]+)\/messages$/,
  async handle(req, _params, ctx) {
    const key = req.headers["api-key"]?.trim();
    if (!key || key === INVALID_KEY) return kaleyraError.auth("RBC201");
    const form = await readForm(req);
    if (!form) return kaleyraError.payload("the body must be multipart/form-data");
    return check(form, ctx);
  },
};

async function readForm(req: SandboxRequest): Promise<Map<string, unknown> | undefined> {
  const contentType = req.headers["content-type"] ?? "";
  // the page documents multipart only (curl --form); a urlencoded body is not what it describes
  if (!/^multipart\/form-data/i.test(contentType)) return undefined;
  try {
    const form = await new Response(new Uint8Array(req.rawBody), {
      headers: { "content-type": contentType },
    }).formData();
    return new Map(form.entries());
  } catch {
    return undefined;
  }
}

function check(form: Map<string, unknown>, ctx: SandboxContext): SandboxResponse {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const problems = new Problems();
  const from = text("from") ?? "";
  if (!PHONE.test(from)) problems.add("from must be the business number in E.164 form");
  else if (hasPrefix(from, FOREIGN_SENDER_PREFIX)) return kaleyraError.phoneNumber();

  const recipients = (text("to") ?? "").split(",").map((r) => r.trim());
  const badTo = recipients.filter((r) => !PHONE.test(r) || hasPrefix(r, RECIPIENT_PREFIX.invalidDestination));
  if (badTo.length > 0)
    problems.add(`to must be E.164 numbers, comma-separated; invalid: ${badTo.join(", ")}`);
  if (recipients.some((r) => hasPrefix(r, RECIPIENT_PREFIX.lowBalance))) return kaleyraError.lowBalance();
  if (recipients.some((r) => hasPrefix(r, RECIPIENT_PREFIX.serverError))) return kaleyraError.internal();

  if (text("type") !== "mediatemplate") problems.add('type must be "mediatemplate"');
  if (text("channel")?.toLowerCase() !== "whatsapp") problems.add('channel must be "whatsapp"');
  const name = text("template_name");
  if (!isNonEmptyString(name)) {
    problems.add("template_name is required");
    return kaleyraError.payload(problems.toString());
  }
  const found = approvedByName(ctx, name);
  if ("problem" in found) {
    problems.add(found.problem);
    return kaleyraError.payload(problems.toString());
  }
  checkTemplateFields(text, form.has("media"), templateShape(found.view), ctx.now(), problems);
  if (!problems.empty) return kaleyraError.payload(problems.toString());

  const id = ctx.newId();
  const data = recipients.map((recipient, i) => {
    const messageId = `${id}:${i}`;
    ctx.recordSend({
      channel: "kaleyra-v1",
      templateId: found.view.id,
      templateName: name,
      destination: recipient,
      messageId,
      at: ctx.now(),
    });
    return { message_id: messageId, recipient };
  });
  // the seed gives no HTTP status for success; 200 with the documented body
  return {
    status: 200,
    body: {
      id,
      type: "mediatemplate",
      body: null,
      createdDateTime: new Date(ctx.now())
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, "+00:00"),
      totalCount: data.length,
      data,
      error: {},
    },
  };
}

function checkTemplateFields(
  text: (name: string) => string | undefined,
  hasMediaFile: boolean,
  shape: TemplateShape,
  now: number,
  problems: Problems,
): void {
  if (shape.productHeader || shape.mpmIndex !== undefined || shape.catalogIndex !== undefined) {
    problems.add("product, multi-product and catalog templates are not sent through the v1 API");
    return;
  }
  const params = text("params");
  if (shape.bodyVariables > 0 || params !== undefined) {
    const values = params === undefined ? undefined : parseQuotedCsv(params);
    if (!values) problems.add('params must be a quoted CSV of the body values, e.g. "A","B"');
    else if (values.length !== shape.bodyVariables) {
      problems.add(
        `params has ${values.length} value(s); the template body has ${shape.bodyVariables} variable(s)`,
      );
    }
  }

  if (shape.copyCodeIndex !== undefined) {
    const raw = text("coupon_code");
    const m = raw === undefined ? undefined : /^"(.*)"$/s.exec(raw);
    if (raw === undefined) problems.add("coupon_code is required: the template has a copy-code button");
    else if (!m) problems.add('coupon_code must be wrapped in literal double quotes, e.g. "\\"CODE\\""');
    else checkCoupon(m[1], "coupon_code", problems);
  }

  const lto = text("limited_time_offer");
  if (shape.hasExpiration || lto !== undefined) {
    if (!shape.isLTO) problems.add("limited_time_offer is only for limited-time-offer templates");
    else if (lto === undefined)
      problems.add("limited_time_offer is required: the template has an offer expiration");
    else {
      const parsed = parseJson(lto);
      const first = Array.isArray(parsed) ? parsed[0] : undefined;
      const inner = isObject(first) ? first["limited_time_offer"] : undefined;
      if (
        !Array.isArray(parsed) ||
        !isObject(first) ||
        first["type"] !== "limited_time_offer" ||
        !isObject(inner)
      ) {
        problems.add(
          'limited_time_offer must be a JSON-array string [{"type":"limited_time_offer","limited_time_offer":{"expiration_time_ms":…}}]',
        );
      } else {
        checkExpiration(inner["expiration_time_ms"], "limited_time_offer expiration_time_ms", now, problems);
      }
    }
  }

  if (shape.mediaHeader) {
    const url = text("media_url");
    if (url !== undefined && !isHttpUrl(url)) problems.add("media_url must be a public http(s) URL");
    if (url === undefined && !hasMediaFile) {
      problems.add(`media_url (or a media file) is required: the template has a ${shape.mediaHeader} header`);
    }
  }

  if (shape.dynamicUrlIndexes.length > 0 && !isNonEmptyString(text("param_url"))) {
    problems.add("param_url is required: the template's URL button has a variable");
  }
}

/** `"a","b ""c"""` → ["a", `b "c"`]; undefined when malformed. */
export function parseQuotedCsv(text: string): string[] | undefined {
  if (!/^"(?:[^"]|"")*"(?:\s*,\s*"(?:[^"]|"")*")*$/s.test(text.trim())) return undefined;
  return [...text.matchAll(/"((?:[^"]|"")*)"/gs)].map((m) => m[1]!.replaceAll('""', '"'));
}
