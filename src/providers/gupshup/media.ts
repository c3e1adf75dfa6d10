// Sample media for media headers: a declared handle as it is, the edited row's own handle when the
// header keeps its type, else the example URL uploaded once per (app, URL) in this process, from
// the app's `media` budget, its handle reused by every create and edit that needs it.

import { FormData } from "undici";
import type { AppConfig } from "../../model/app.js";
import { UserError } from "../../model/errors.js";
import type { RemoteTemplate, TemplateContent } from "../../model/template.js";
import type { CallOptions } from "../port.js";
import { type AppCall, appPath } from "./app-call.js";
import { type MediaSample, parseUploadHandle } from "./mapping.js";
import { mediaTypeOf } from "./media-type.js";

export type MediaSamples = (
  app: AppConfig,
  content: TemplateContent,
  opts?: CallOptions,
  /** On an edit: the row edited, whose sample an unchanged header keeps. */
  remote?: RemoteTemplate,
) => Promise<MediaSample | undefined>;

export function createMediaSamples(appCall: AppCall): MediaSamples {
  const handles = new Map<string, Promise<string>>();

  /** `POST /partner/app/{appId}/upload/media` with the URL as the file (URL-string form). */
  const upload = (app: AppConfig, url: string, mimeType: string, opts: CallOptions) => {
    const form = new FormData();
    form.set("file_type", mimeType);
    form.set("file", url);
    const { signal, priority } = opts;
    return appCall(
      app,
      { method: "POST", path: appPath(app, "/upload/media"), multipart: form, group: "media" },
      parseUploadHandle,
      { ...(signal && { signal }), ...(priority && { priority }) },
    );
  };

  /**
   * The sample of a media header, as an upload handle (14.8: an edit that leaves the header alone
   * uploads nothing). In order: the handle the declaration names; on an edit, the handle the remote
   * row already holds when the header keeps its media type (the declared URL is write-only, so an
   * unchanged header cannot be told from a new URL: the remote's sample stays); else the declared
   * URL, uploaded once per (app, URL) in this process.
   */
  return async (app, content, opts = {}, remote) => {
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
      handle = upload(app, url, mediaTypeOf(url, header.type), opts);
      handles.set(key, handle);
      handle.catch(() => handles.delete(key));
    }
    return { handle: await handle };
  };
}
