// List, create, edit and delete templates, with Meta's lifecycle rules: who may edit what, the
// edit quota of APPROVED templates, and the 30-day lock on the name of a deleted APPROVED template.

import { DAY_MS, errorBody, type SandboxEngine } from "../engine.js";
import type { SandboxResponse, SandboxRoute } from "../route.js";
import type { StoredTemplate } from "../state.js";
import { CREATE_FIELDS, EDIT_FIELDS } from "./documented.js";
import { applyEditForm, checkTemplate, FormError, formOf, readCreateForm } from "./form.js";
import { wireTemplate } from "./wire.js";

export const DUPLICATE_ERROR = "Template Already exists with same namespace and elementName and languageCode";
export const NOT_FOUND_BY_ID = "No Template found for given id";
export const DOES_NOT_EXIST = "Template Does not exists.";
const NAME_REUSE_LOCK_MS = 30 * DAY_MS;
const EDITABLE_STATUSES = ["APPROVED", "REJECTED", "PAUSED"];
/** A page size when only `pageNo` is given (the real default is undocumented). */
const DEFAULT_PAGE_SIZE = 20;

/**
 * Meta's refusal of an edit for the quota of an APPROVED template, relayed the way Gupshup relays
 * Meta errors: HTTP 400 with Meta's error object (reference §3.9, §9). **(sandbox)**: the real
 * wording is unknown (field-evidence §4); Meta's generic `message` with a user title and text in
 * the style of its other template errors. `fbtrace_id` is a fresh id per answer.
 */
function editQuotaRefused(engine: SandboxEngine, userMessage: string): SandboxResponse {
  return {
    status: 400,
    body: {
      status: "error",
      error: {
        code: 100,
        message: "(#100) Invalid parameter",
        error_user_title: "Message template edit limit reached",
        error_user_msg: userMessage,
        type: "OAuthException",
        fbtrace_id: engine.newId().replace(/-/g, "").slice(0, 22),
      },
    },
  };
}

function handlesOf(engine: SandboxEngine, appId: string): Set<string> {
  return new Set(engine.state.handles.filter((h) => h.appId === appId).map((h) => h.handle));
}

function formErrors(fn: () => SandboxResponse): SandboxResponse {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FormError) return errorBody(400, err.message);
    throw err;
  }
}

function listTemplates(engine: SandboxEngine, appId: string, query: URLSearchParams): SandboxResponse {
  const app = engine.app(appId);
  const elementName = query.get("elementName");
  const status = query.get("status")?.toUpperCase();
  const templateType = query.get("templateType")?.toUpperCase();
  let rows = engine
    .templatesOf(appId)
    .filter((t) => !elementName || t.elementName === elementName)
    .filter((t) => !status || t.status === status)
    .filter((t) => !templateType || t.templateType === templateType)
    .sort((a, b) => a.createdOn - b.createdOn); // stable: creation order
  if (query.has("pageNo") || query.has("pageSize")) {
    const size = Number(query.get("pageSize") ?? DEFAULT_PAGE_SIZE);
    const pageNo = Number(query.get("pageNo") ?? engine.config.pageBase);
    if (!Number.isInteger(size) || size <= 0 || !Number.isInteger(pageNo)) {
      return errorBody(400, "pageNo and pageSize must be whole numbers");
    }
    // a page number below the base is read as the first page
    const index = Math.max(0, pageNo - engine.config.pageBase);
    rows = rows.slice(index * size, index * size + size);
  }
  return { status: 200, body: { status: "success", templates: rows.map((t) => wireTemplate(t, app)) } };
}

function createTemplate(engine: SandboxEngine, appId: string, form: URLSearchParams): SandboxResponse {
  const draft = readCreateForm(form);
  const app = engine.app(appId);
  const now = engine.now();
  checkTemplate(
    {
      ...draft,
      appId,
      status: "PENDING",
      createdOn: now,
      modifiedOn: now,
      submittedAt: now,
      approvedEdits: [],
    },
    handlesOf(engine, appId),
  );
  const clash = engine
    .templatesOf(appId)
    .some((t) => t.elementName === draft.elementName && t.languageCode === draft.languageCode);
  if (clash && engine.config.rejectDuplicates) return errorBody(400, DUPLICATE_ERROR);
  const lock = app.deletedApproved.find(
    (d) => d.elementName === draft.elementName && d.deletedAt + NAME_REUSE_LOCK_MS > now,
  );
  if (lock) {
    const until = new Date(lock.deletedAt + NAME_REUSE_LOCK_MS).toISOString();
    return errorBody(
      400,
      `Template name ${draft.elementName} was deleted while approved and cannot be reused until ${until}`,
    );
  }
  const t: StoredTemplate = {
    ...draft,
    id: engine.newId(),
    appId,
    status: "PENDING",
    createdOn: now,
    modifiedOn: now,
    submittedAt: now,
    approvedEdits: [],
  };
  engine.state.templates.push(t);
  engine.markDirty();
  return { status: 200, body: { status: "success", template: wireTemplate(t, app) } };
}

function editTemplate(
  engine: SandboxEngine,
  appId: string,
  templateId: string,
  form: URLSearchParams,
): SandboxResponse {
  const t = engine.findTemplate(templateId);
  if (!t || t.appId !== appId) return errorBody(400, NOT_FOUND_BY_ID);
  if (!EDITABLE_STATUSES.includes(t.status)) {
    return errorBody(
      400,
      `Template in status ${t.status} cannot be edited; only APPROVED, REJECTED or PAUSED`,
    );
  }
  if (t.templateType === "CAROUSEL" && t.cards?.length) {
    return errorBody(400, "Carousel templates with media cannot be edited");
  }
  const next = applyEditForm(t, form, engine.config.editOmitted);
  const now = engine.now();
  if (t.status === "APPROVED") {
    if (next.category !== t.category) {
      return errorBody(400, "The category of an APPROVED template cannot be changed");
    }
    if (t.approvedEdits.some((at) => at > now - DAY_MS)) {
      return editQuotaRefused(engine, "An approved message template can only be edited once in 24 hours.");
    }
    if (t.approvedEdits.filter((at) => at > now - 30 * DAY_MS).length >= 10) {
      return editQuotaRefused(engine, "An approved message template can only be edited 10 times in 30 days.");
    }
    next.approvedEdits = [...t.approvedEdits, now];
  }
  checkTemplate(next, handlesOf(engine, appId));
  if (next.category !== t.category) next.oldCategory = t.category;
  next.status = "PENDING";
  delete next.reason;
  next.submittedAt = now;
  next.modifiedOn = now;
  Object.assign(t, next);
  for (const key of Object.keys(t) as (keyof StoredTemplate)[]) if (!(key in next)) delete t[key];
  engine.markDirty();
  return { status: 200, body: { status: "success" } };
}

function deleteTemplates(engine: SandboxEngine, appId: string, doomed: StoredTemplate[]): SandboxResponse {
  if (doomed.some((t) => t.status === "DISABLED")) return errorBody(400, "Template Cannot be deleted");
  const app = engine.app(appId);
  const now = engine.now();
  for (const t of doomed) {
    if (t.status === "APPROVED" || t.status === "PAUSED") {
      app.deletedApproved.push({ elementName: t.elementName, languageCode: t.languageCode, deletedAt: now });
    }
  }
  engine.removeTemplates(doomed.map((t) => t.id));
  return { status: 200, body: { status: "success" } };
}

export function templateRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "GET",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/templates\/?$/,
      bucket: "templates",
      handle: (req, { appId }) => engine.checkApp(req, appId!) ?? listTemplates(engine, appId!, req.query),
    },
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/templates\/?$/,
      bucket: "templates",
      documentedFields: CREATE_FIELDS,
      formBody: true,
      handle: (req, { appId }) =>
        engine.checkApp(req, appId!) ?? formErrors(() => createTemplate(engine, appId!, formOf(req))),
    },
    {
      method: "PUT",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/templates\/(?<templateId>[^/]+)\/?$/,
      bucket: "templates",
      documentedFields: EDIT_FIELDS,
      formBody: true,
      handle: (req, { appId, templateId }) =>
        engine.checkApp(req, appId!) ??
        formErrors(() => editTemplate(engine, appId!, templateId!, formOf(req))),
    },
    {
      method: "DELETE",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/template\/(?<elementName>[^/]+)\/?$/,
      bucket: "delete",
      handle(req, { appId, elementName }) {
        const denied = engine.checkApp(req, appId!);
        if (denied) return denied;
        const doomed = engine.templatesOf(appId!).filter((t) => t.elementName === elementName);
        return doomed.length ? deleteTemplates(engine, appId!, doomed) : errorBody(400, DOES_NOT_EXIST);
      },
    },
    {
      method: "DELETE",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/template\/(?<elementName>[^/]+)\/(?<templateId>[^/]+)\/?$/,
      bucket: "delete",
      handle(req, { appId, elementName, templateId }) {
        const denied = engine.checkApp(req, appId!);
        if (denied) return denied;
        const t = engine.findTemplate(templateId!);
        if (!t || t.appId !== appId) return errorBody(400, DOES_NOT_EXIST);
        if (t.elementName !== elementName)
          return errorBody(403, "Template ID and template name does not match");
        return deleteTemplates(engine, appId!, [t]);
      },
    },
  ];
}
