// The Gupshup Partner API as a TemplateProvider (providers/port.ts), plus the few calls verify and
// apply need beyond the port: test sends, sample-media upload, the app token for send previews.

import { FormData } from "undici";
import type { AppConfig } from "../../model/app.js";
import type { Clock } from "../../model/clock.js";
import { RemoteError, UserError } from "../../model/errors.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../../model/template.js";
import { systemClock } from "../../platform/clock.js";
import type { RemoteListing, TemplateProvider } from "../port.js";
import { refuseDisabledTls } from "../tls.js";
import { type AppRef, type AuthMode, appTokenEnvName, type Env, envValue, type GupshupAuth } from "./auth.js";
import { createLegacyAuth } from "./auth-legacy.js";
import { createUniversalAuth } from "./auth-universal.js";
import { resolveBaseUrl } from "./base-url.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUTS, type HttpCall, type Timeouts, Transport } from "./http.js";
import {
  createForm,
  editForm,
  type MediaSample,
  parseCreatedTemplate,
  parseMetaSendResult,
  parseSendResult,
  parseTemplateList,
  parseUploadHandle,
  rowId,
  templateFromWire,
  WireShapeError,
} from "./mapping.js";
import { mediaTypeOf } from "./media-type.js";
import { DEFAULT_PAGE_SIZE, readAllPages } from "./paging.js";
import { isUnmanageable, ListingReader } from "./row-reader.js";
import { secretsFromEnv } from "./secrets.js";
import { jsonOrShapeError } from "./wire-call.js";

export interface GupshupProviderOptions {
  /** Credentials and GUPSHUP_BASE_URL are read from here only. */
  env: Env;
  /** Overrides GUPSHUP_BASE_URL. */
  baseUrl?: string;
  timeouts?: Partial<Timeouts>;
  /** List page size (see paging.ts). */
  pageSize?: number;
  /** Largest response body read, in bytes. */
  maxBodyBytes?: number;
  /** For token lifetimes; defaults to the system clock. */
  clock?: Clock;
  /** Receives one line per request (method, path, status, duration; never headers or bodies). */
  log?: (line: string) => void;
  /**
   * Waits before each repeat of a read (GET) that failed transiently (5xx, reset, timeout), on
   * `clock`. None by default; the CLI passes READ_RETRY_DELAYS_MS.
   */
  readRetryDelaysMs?: readonly number[];
}

/** Sample media for `uploadMedia`: a public URL (sent as a string), or the bytes themselves. */
export type MediaSource =
  | { url: string; mimeType: string }
  | { data: Uint8Array; mimeType: string; filename?: string };

export interface GupshupProvider extends TemplateProvider {
  readonly authMode: AuthMode;
  /** `POST /partner/app/{appId}/template/msg` with a form built by the gupshup-partner channel. */
  sendTemplate(
    app: AppConfig | string,
    form: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<{ messageId: string }>;
  /**
   * `POST /partner/app/{appId}/v3/message`: a Meta-format (Cloud API) message as JSON, built by the
   * gupshup-v3 channel (reference §6.2).
   */
  sendMetaMessage(
    app: AppConfig | string,
    message: unknown,
    signal?: AbortSignal,
  ): Promise<{ messageId: string }>;
  /** `POST /partner/app/{appId}/upload/media` → the handle for `exampleMedia`. */
  uploadMedia(
    app: AppConfig | string,
    media: MediaSource,
    signal?: AbortSignal,
  ): Promise<{ handleId: string }>;
  /** Deletes every language of a name (`DELETE /partner/app/{appId}/template/{elementName}`). */
  deleteTemplatesByName(app: AppConfig, elementName: string, signal?: AbortSignal): Promise<void>;
  /** The app's token, for send previews (which mask it). */
  appToken(app: AppConfig | string, signal?: AbortSignal): Promise<string>;
}

export function createGupshupProvider(opts: GupshupProviderOptions): GupshupProvider {
  const baseUrl = resolveBaseUrl(opts.env, opts.baseUrl);
  refuseDisabledTls(baseUrl, opts.env);
  const clock = opts.clock ?? systemClock;
  const secrets = secretsFromEnv(opts.env);
  const transport = new Transport({
    baseUrl,
    timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    secrets,
    clock,
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.readRetryDelaysMs ? { readRetryDelaysMs: opts.readRetryDelaysMs } : {}),
  });
  const deps = { env: opts.env, transport, secrets, clock };
  const auth: GupshupAuth = envValue(opts.env, "GUPSHUP_UNIVERSAL_TOKEN")
    ? createUniversalAuth(deps)
    : createLegacyAuth(deps);
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new UserError(`page size must be a positive integer`);

  // sends and uploads may name an app by id only; its alias (for GUPSHUP_APP_TOKEN_<ALIAS>) is
  // remembered from any call that passed the full AppConfig
  const aliases = new Map<string, string>();
  const refOf = (app: AppConfig | string): AppRef => {
    if (typeof app !== "string") {
      aliases.set(app.appId, app.alias);
      return { alias: app.alias, appId: app.appId };
    }
    return { alias: aliases.get(app) ?? app, appId: app };
  };
  const appPath = (app: AppRef, rest: string) => `/partner/app/${encodeURIComponent(app.appId)}${rest}`;

  /** An app-scoped call: on 401 the token is refreshed once, then the auth error stands. */
  async function appCall<T>(app: AppRef, call: HttpCall, parse: (body: unknown) => T): Promise<T> {
    const attempt = async () => {
      const token = await auth.appToken(app, call.signal);
      try {
        return {
          ok: true as const,
          value: await jsonOrShapeError(
            transport,
            { ...call, headers: { ...call.headers, ...auth.headersFor(token) } },
            parse,
          ),
        };
      } catch (err) {
        if (err instanceof RemoteError && err.status === 401) return { ok: false as const, err, token };
        throw err;
      }
    };
    const first = await attempt();
    if (first.ok) return first.value;
    if (!auth.invalidate(app, first.token)) {
      throw new RemoteError(
        "auth",
        `${first.err.message}; the token in ${appTokenEnvName(app.alias)} was rejected`,
        {
          status: 401,
        },
      );
    }
    const second = await attempt();
    if (second.ok) return second.value;
    throw new RemoteError("auth", `${second.err.message}; still rejected after refreshing the app token`, {
      status: 401,
    });
  }

  const handles = new Map<string, Promise<string>>();
  async function uploadMedia(app: AppConfig | string, media: MediaSource, signal?: AbortSignal) {
    const ref = refOf(app);
    const form = new FormData();
    form.set("file_type", media.mimeType);
    if ("url" in media) form.set("file", media.url);
    else form.set("file", new Blob([media.data], { type: media.mimeType }), media.filename ?? "sample");
    const handleId = await appCall(
      ref,
      { method: "POST", path: appPath(ref, "/upload/media"), multipart: form, ...(signal ? { signal } : {}) },
      parseUploadHandle,
    );
    return { handleId };
  }

  /**
   * The sample of a media header, as an upload handle (14.8: an edit that leaves the header alone
   * uploads nothing). In order: the handle the declaration names; on an edit, the handle the remote
   * row already holds when the header keeps its media type (the declared URL is write-only, so an
   * unchanged header cannot be told from a new URL: the remote's sample stays); else the declared
   * URL, uploaded once per (app, URL) in this process.
   */
  async function mediaSample(
    app: AppConfig,
    content: TemplateContent,
    signal?: AbortSignal,
    remote?: RemoteTemplate,
  ): Promise<MediaSample | undefined> {
    const header = content.header;
    if (header?.type !== "image" && header?.type !== "video" && header?.type !== "document") return undefined;
    if (header.handle !== undefined) return { handle: header.handle };
    const kept = remote?.header;
    if (kept?.type === header.type && kept.handle !== undefined) return { handle: kept.handle };
    const url = header.example;
    if (url === undefined) {
      throw new UserError(
        `a ${header.type} header needs an example URL (or a handle) to be submitted for review`,
      );
    }
    const key = `${app.appId}\u0000${url}`;
    let handle = handles.get(key);
    if (!handle) {
      handle = uploadMedia(app, { url, mimeType: mediaTypeOf(url, header.type) }, signal).then(
        (r) => r.handleId,
      );
      handles.set(key, handle);
      handle.catch(() => handles.delete(key));
    }
    return { handle: await handle };
  }

  return {
    authMode: auth.mode,

    async listTemplates(app, signal): Promise<RemoteListing> {
      const ref = refOf(app);
      const path = appPath(ref, "/templates");
      // rows are read page by page while the next page is on its way; the reader never throws for
      // a row (row-reader.ts), so one odd row cannot fail the app
      const reader = new ListingReader(app.alias, `GET ${path}`);
      let reading = Promise.resolve();
      await readAllPages(
        (pageNo, size) =>
          appCall(
            ref,
            { method: "GET", path, query: { pageNo, pageSize: size }, ...(signal ? { signal } : {}) },
            parseTemplateList,
          ),
        rowId,
        pageSize,
        { method: "GET", path },
        // after the answers already in (other apps' pages) have sent their next requests
        (rows) => {
          reading = reading.then(
            () => new Promise<void>((done) => setImmediate(() => done(reader.add(rows)))),
          );
        },
      );
      await reading;
      return reader.listing;
    },

    async createTemplate(app, key: TemplateKey, content, signal): Promise<RemoteTemplate> {
      const ref = refOf(app);
      const media = await mediaSample(app, content, signal);
      const path = appPath(ref, "/templates");
      const row = await appCall(
        ref,
        { method: "POST", path, form: createForm(key, content, media), ...(signal ? { signal } : {}) },
        parseCreatedTemplate,
      );
      return createdRow(row, key, content, path);
    },

    async updateTemplate(app, remote, content, signal) {
      const ref = refOf(app);
      const media = await mediaSample(app, content, signal, remote);
      await appCall(
        ref,
        {
          method: "PUT",
          path: appPath(ref, `/templates/${encodeURIComponent(remote.id)}`),
          form: editForm(content, media, remote),
          ...(signal ? { signal } : {}),
        },
        () => undefined,
      );
    },

    async deleteTemplate(app, remote, signal) {
      const ref = refOf(app);
      const path = appPath(
        ref,
        `/template/${encodeURIComponent(remote.name)}/${encodeURIComponent(remote.id)}`,
      );
      await appCall(ref, { method: "DELETE", path, ...(signal ? { signal } : {}) }, () => undefined);
    },

    async deleteTemplatesByName(app, elementName, signal) {
      const ref = refOf(app);
      const path = appPath(ref, `/template/${encodeURIComponent(elementName)}`);
      await appCall(ref, { method: "DELETE", path, ...(signal ? { signal } : {}) }, () => undefined);
    },

    async sendTemplate(app, form, signal) {
      const ref = refOf(app);
      return appCall(
        ref,
        { method: "POST", path: appPath(ref, "/template/msg"), form, ...(signal ? { signal } : {}) },
        parseSendResult,
      );
    },

    async sendMetaMessage(app, message, signal) {
      const ref = refOf(app);
      return appCall(
        ref,
        { method: "POST", path: appPath(ref, "/v3/message"), json: message, ...(signal ? { signal } : {}) },
        parseMetaSendResult,
      );
    },

    uploadMedia,

    appToken: (app, signal) => auth.appToken(refOf(app), signal),

    close: () => transport.close(),
  };
}

/**
 * The row a create answered with. Should Gupshup answer with a row waform reads as unmanageable
 * (it never should: waform sent it), the template is still the one waform created: its content is
 * what was sent, its id and status what came back.
 */
function createdRow(
  row: Record<string, unknown>,
  key: TemplateKey,
  content: TemplateContent,
  path: string,
): RemoteTemplate {
  try {
    const read = templateFromWire(row, key.app);
    if (!isUnmanageable(read)) return read;
    return { ...key, ...content, id: read.id, status: read.status };
  } catch (err) {
    if (err instanceof WireShapeError) {
      throw new RemoteError(
        "invalid",
        `malformed response from the Partner API: ${err.message} (POST ${path})`,
        {
          ambiguous: true,
        },
      );
    }
    throw err;
  }
}
