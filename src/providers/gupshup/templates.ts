// The template calls of the port: list (every page, each from the app's `templates` budget, read
// tolerantly), create, edit and delete.

import type { AppConfig } from "../../model/app.js";
import { RemoteError } from "../../model/errors.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../../model/template.js";
import type { CallOptions, RemoteListing, TemplateProvider } from "../port.js";
import { type AppCall, appPath, onceSent } from "./app-call.js";
import {
  createForm,
  editForm,
  parseCreatedTemplate,
  parseTemplateList,
  rowId,
  templateFromWire,
  WireShapeError,
} from "./mapping.js";
import type { MediaSamples } from "./media.js";
import { readAllPages } from "./paging.js";
import { isUnmanageable, ListingReader } from "./row-reader.js";

type TemplateCalls = Omit<TemplateProvider, "close">;

export function createTemplateCalls(appCall: AppCall, media: MediaSamples, pageSize: number): TemplateCalls {
  return {
    async listTemplates(app: AppConfig, options: CallOptions = {}): Promise<RemoteListing> {
      const opts = onceSent(options);
      const path = appPath(app, "/templates");
      // rows are read page by page while the next page is on its way; the reader never throws for
      // a row (row-reader.ts), so one odd row cannot fail the app
      const reader = new ListingReader(app.alias, `GET ${path}`);
      let reading = Promise.resolve();
      await readAllPages(
        (pageNo, size) =>
          appCall(
            app,
            { method: "GET", path, query: { pageNo, pageSize: size }, group: "templates" },
            parseTemplateList,
            opts,
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

    async createTemplate(app: AppConfig, key: TemplateKey, content: TemplateContent, opts: CallOptions = {}) {
      const sample = await media(app, content, opts);
      const path = appPath(app, "/templates");
      const row = await appCall(
        app,
        { method: "POST", path, form: createForm(key, content, sample), group: "templates" },
        parseCreatedTemplate,
        opts,
      );
      return createdRow(row, key, content, path);
    },

    async updateTemplate(app: AppConfig, remote: RemoteTemplate, content: TemplateContent, opts = {}) {
      const sample = await media(app, content, opts, remote);
      const path = appPath(app, `/templates/${encodeURIComponent(remote.id)}`);
      await appCall(
        app,
        { method: "PUT", path, form: editForm(content, sample, remote), group: "templates" },
        () => undefined,
        opts,
      );
    },

    async deleteTemplate(app: AppConfig, remote: RemoteTemplate, opts: CallOptions = {}) {
      const path = appPath(
        app,
        `/template/${encodeURIComponent(remote.name)}/${encodeURIComponent(remote.id)}`,
      );
      await appCall(app, { method: "DELETE", path, group: "delete" }, () => undefined, opts);
    },
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
