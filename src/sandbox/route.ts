// The contract between the sandbox HTTP server (server.ts) and the modules that simulate one API
// each (the Partner API, and the send APIs under channels/). A route is a plain function of a
// parsed request and the sandbox state; the server does the HTTP, faults and rate limits.

export interface SandboxRequest {
  method: string;
  /** Path without the query string, e.g. `/partner/app/abc/templates`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export interface SandboxResponse {
  status: number;
  /** Serialised as JSON unless it is a string. */
  body: unknown;
  headers?: Record<string, string>;
}

/** What a send-API simulator may see of a template held by the sandbox. */
export interface SandboxTemplateView {
  id: string;
  appId: string;
  elementName: string;
  languageCode: string;
  status: string;
  category: string;
  templateType: string;
  isLTO: boolean;
  hasExpiration: boolean;
  /** Button types as sent at create, upper-case (COPY_CODE, URL, …). */
  buttonTypes: string[];
  /** The URL of each URL button, in order. */
  urls: string[];
  /** Number of `{{n}}` variables in the body. */
  bodyVariables: number;
  headerType?: string;
}

export interface SandboxSend {
  channel: string;
  templateId?: string;
  templateName?: string;
  destination: string;
  messageId: string;
  at: number;
}

export interface SandboxContext {
  now(): number;
  newId(): string;
  findTemplateById(id: string): SandboxTemplateView | undefined;
  /** Templates of that name in any app, optionally of one language. */
  findTemplatesByName(name: string, language?: string): SandboxTemplateView[];
  recordSend(send: SandboxSend): void;
}

export interface SandboxRoute {
  method: string;
  /** Matched against the path; named groups are passed as params. */
  pattern: RegExp;
  /** Rate-limit bucket name, per app when the path has an `appId` group. Undefined: not limited. */
  bucket?: string;
  /**
   * The form fields the provider documents for this endpoint. Any other field of a form request is
   * reported (response header, stats), or refused under the `strict` setting.
   */
  documentedFields?: readonly string[];
  /**
   * The endpoint takes `application/x-www-form-urlencoded` (every sample of its page sends that
   * Content-Type): a body of another type is refused before the route runs, rather than read as a
   * form it is not.
   */
  formBody?: boolean;
  handle(
    req: SandboxRequest,
    params: Record<string, string>,
    ctx: SandboxContext,
  ): SandboxResponse | Promise<SandboxResponse>;
}
