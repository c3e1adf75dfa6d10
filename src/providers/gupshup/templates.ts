// The template calls of the port: list (every page, each from the app's `templates` budget),
// create, edit and delete.

import type { AppConfig } from "../../model/app.js";
import { RemoteError } from "../../model/errors.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../../model/template.js";
import type { CallOptions, TemplateProvider } from "../port.js";
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

type TemplateCalls = Omit<TemplateProvider, "close">;

export function createTemplateCalls(appCall: AppCall, media: MediaSamples, pageSize: number): TemplateCalls {
  return {
    async listTemplates(app: AppConfig, options: CallOptions = {}) {
      const opts = onceSent(options);
      const path = appPath(app, "/templates");
      // rows are mapped page by page while the next page is on its way; a malformed row still
      // fails the list only once every page is read, as if mapped at the end
      const mapped: RemoteTemplate[] = [];
      let failure: { error: unknown } | undefined;
      let mapping = Promise.resolve();
      const mapPage = (rows: Record<string, unknown>[]) => {
        if (failure) return;
        try {
          for (const row of rows) mapped.push(mapRow(row, app.alias, path, "GET"));
        } catch (error) {
          failure = { error };
        }
      };
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
          mapping = mapping.then(() => new Promise<void>((done) => setImmediate(() => done(mapPage(rows)))));
        },
      );
      await mapping;
      if (failure) throw failure.error;
      return mapped;
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
      return mapRow(row, app.alias, path, "POST");
    },

    async updateTemplate(app: AppConfig, remote: RemoteTemplate, content: TemplateContent, opts = {}) {
      const sample = await media(app, content, opts);
      const path = appPath(app, `/templates/${encodeURIComponent(remote.id)}`);
      await appCall(
        app,
        { method: "PUT", path, form: editForm(content, sample), group: "templates" },
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

function mapRow(row: Record<string, unknown>, alias: string, path: string, method: string): RemoteTemplate {
  try {
    return templateFromWire(row, alias);
  } catch (err) {
    if (err instanceof WireShapeError) {
      throw new RemoteError(
        "invalid",
        `malformed response from the Partner API: ${err.message} (${method} ${path})`,
        { ambiguous: method !== "GET" },
      );
    }
    throw err;
  }
}
