// Sample media for media headers: the example URL uploaded once per (app, URL) in this process, from
// the app's `media` budget, and its handle reused by every create and edit that needs it.

import { FormData } from "undici";
import type { AppConfig } from "../../model/app.js";
import { UserError } from "../../model/errors.js";
import type { TemplateContent } from "../../model/template.js";
import type { CallOptions } from "../port.js";
import { type AppCall, appPath } from "./app-call.js";
import { type MediaSample, parseUploadHandle } from "./mapping.js";
import { mediaTypeOf } from "./media-type.js";

export type MediaSamples = (
  app: AppConfig,
  content: TemplateContent,
  opts?: CallOptions,
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

  return async (app, content, opts = {}) => {
    const header = content.header;
    if (header?.type !== "image" && header?.type !== "video" && header?.type !== "document") return undefined;
    const url = header.example;
    if (url === undefined) {
      throw new UserError(`a ${header.type} header needs an example URL to be submitted for review`);
    }
    const key = `${app.appId}\u0000${url}`;
    let handle = handles.get(key);
    if (!handle) {
      handle = upload(app, url, mediaTypeOf(url, header.type), opts);
      handles.set(key, handle);
      handle.catch(() => handles.delete(key));
    }
    return { handle: await handle, url };
  };
}
