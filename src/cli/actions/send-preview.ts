import type { AppConfig } from "../../model/app.js";
import { UserError } from "../../model/errors.js";
import {
  CHANNEL_NAMES,
  type ChannelName,
  type DesiredTemplate,
  type RemoteTemplate,
  templateKey,
} from "../../model/template.js";
import { closestNames, keyInFormOf, matchesTarget } from "../../plan/scope.js";
import { appTokenEnvName } from "../../providers/gupshup/index.js";
import { createSendChannel } from "../../providers/senders/index.js";
import { renderCurl } from "../../render/curl.js";
import { type ConfigOptions, loadChecked, type SandboxOptions, withProvider } from "../context.js";
import { writeErr, writeOut } from "../output.js";
import { parseChannel } from "../verification.js";

/** Placeholders for credentials that are not set: the preview shows where they go, masked anyway. */
const PLACEHOLDER_ENV: Record<string, string> = {
  GUPSHUP_API_KEY: "<GUPSHUP_API_KEY>",
  KALEYRA_API_KEY: "<KALEYRA_API_KEY>",
  KALEYRA_SID: "<KALEYRA_SID>",
};

/**
 * A placeholder that lands in a URL path is percent-encoded like any value (`%3CKALEYRA_SID%3E`);
 * in a preview it should read as what it is, the name of the variable to set.
 */
function readablePlaceholders(text: string): string {
  let out = text;
  for (const placeholder of Object.values(PLACEHOLDER_ENV))
    out = out.split(encodeURIComponent(placeholder)).join(placeholder);
  return out;
}

type PreviewOptions = ConfigOptions & SandboxOptions & { channel?: string; remote?: boolean };

export async function runSendPreview(target: string, opts: PreviewOptions): Promise<void> {
  const only = parseChannel(opts.channel);
  const now = Date.now();
  const { declaration } = await loadChecked(opts, now);
  const matches = declaration.templates.filter((t) => matchesTarget(t, target));
  if (matches.length === 0) {
    const close = closestNames(
      target,
      declaration.templates.map((t) => keyInFormOf(target, t)),
    );
    throw new UserError(
      `no declared template matches '${target}'`,
      close.length ? `did you mean ${close.map((c) => `'${c}'`).join(", ")}?` : undefined,
    );
  }
  if (matches.length > 1) {
    throw new UserError(
      `'${target}' matches ${matches.length} templates: ${matches.map(templateKey).join(", ")}`,
      "name it as app/name/language",
    );
  }
  const template = matches[0]!;
  if (!template.test)
    throw new UserError(
      `${templateKey(template)} has no test: block`,
      "declare test destinations and params",
    );
  const app = declaration.apps.find((a) => a.alias === template.app)!;
  const channels: readonly ChannelName[] = only ? [only] : CHANNEL_NAMES;
  if (!opts.remote && !opts.sandbox) {
    const remote: RemoteTemplate = { ...template, id: "<gupshup-template-id>", status: "APPROVED" };
    writeOut(await preview(channels, app, template, remote, process.env, now));
    return;
  }
  // the id comes from the remote; with --sandbox the URLs are the embedded sandbox's, as sent
  const text = await withProvider(opts, async (provider, env) => {
    const listing = await provider.listTemplates(app);
    const same = (r: { name: string; language: string }) =>
      r.name === template.name && r.language === template.language;
    const unmanageable = listing.unmanageable.find(same);
    if (unmanageable) {
      throw new UserError(
        `${templateKey(template)} exists remotely but waform cannot manage it: ${unmanageable.unmanageable.detail}`,
        "declare the template under a new name",
      );
    }
    const found = listing.templates.find(same);
    if (!found) throw new UserError(`${templateKey(template)} does not exist remotely yet`, "apply it first");
    return preview(channels, app, template, { ...template, id: found.id, status: "APPROVED" }, env, now);
  });
  if (opts.sandbox) {
    writeErr(
      "The embedded sandbox answered at that address only while this command ran. To send these\n" +
        "requests with curl, run `waform sandbox --port 4010` and set GUPSHUP_BASE_URL,\n" +
        "GUPSHUP_API_BASE_URL and KALEYRA_BASE_URL to http://127.0.0.1:4010.\n",
    );
  }
  writeOut(text);
}

async function preview(
  channels: readonly ChannelName[],
  app: AppConfig,
  template: DesiredTemplate,
  remote: RemoteTemplate,
  environment: NodeJS.ProcessEnv,
  now: number,
): Promise<string> {
  const env = { ...PLACEHOLDER_ENV, ...environment };
  // an app token given directly is the one sent (its form picks the headers; it is masked); else
  // the placeholder: a preview never fetches or mints a token
  const given = env[appTokenEnvName(app.alias)]?.trim();
  const out: string[] = [];
  for (const name of channels) {
    const channel = createSendChannel(name, { env, ...(given && { appToken: async () => given }) });
    try {
      for (const destination of template.test?.destinations ?? []) {
        const req = await channel.prepare({ app, template, remote, destination, now });
        out.push(
          `# ${name}: ${templateKey(template)} -> ${destination}`,
          readablePlaceholders(renderCurl(req)),
          "",
        );
      }
    } finally {
      await channel.close();
    }
  }
  return out.join("\n");
}
