import { UserError } from "../../model/errors.js";
import { CHANNEL_NAMES, type ChannelName, type RemoteTemplate, templateKey } from "../../model/template.js";
import { matchesTarget } from "../../plan/scope.js";
import { createSendChannel } from "../../providers/senders/index.js";
import { renderCurl } from "../../render/curl.js";
import { type ConfigOptions, loadChecked, type SandboxOptions, withProvider } from "../context.js";
import { writeOut } from "../output.js";
import { parseChannel } from "../verification.js";

/** Placeholders for credentials that are not set: the preview shows where they go, masked anyway. */
const PLACEHOLDER_ENV = {
  GUPSHUP_API_KEY: "<GUPSHUP_API_KEY>",
  KALEYRA_API_KEY: "<KALEYRA_API_KEY>",
  KALEYRA_SID: "<KALEYRA_SID>",
};

export async function runSendPreview(
  target: string,
  opts: ConfigOptions & SandboxOptions & { channel?: string; remote?: boolean },
): Promise<void> {
  const only = parseChannel(opts.channel);
  const now = Date.now();
  const { declaration } = await loadChecked(opts, now);
  const matches = declaration.templates.filter((t) => matchesTarget(t, target));
  if (matches.length === 0) throw new UserError(`no declared template matches '${target}'`);
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
  let id = "<gupshup-template-id>";
  if (opts.remote || opts.sandbox) {
    const listing = await withProvider(opts, (p) => p.listTemplates(app));
    const same = (r: { name: string; language: string }) =>
      r.name === template.name && r.language === template.language;
    const found = listing.templates.find(same);
    const unmanageable = listing.unmanageable.find(same);
    if (unmanageable) {
      throw new UserError(
        `${templateKey(template)} exists remotely but waform cannot manage it: ${unmanageable.unmanageable.detail}`,
        "declare the template under a new name",
      );
    }
    if (!found) throw new UserError(`${templateKey(template)} does not exist remotely yet`, "apply it first");
    id = found.id;
  }
  const remote: RemoteTemplate = { ...template, id, status: "APPROVED" };
  const env = { ...PLACEHOLDER_ENV, ...process.env };
  const channels: readonly ChannelName[] = only ? [only] : CHANNEL_NAMES;
  const out: string[] = [];
  for (const name of channels) {
    const channel = createSendChannel(name, { env });
    try {
      for (const destination of template.test.destinations) {
        const req = await channel.prepare({ app, template, remote, destination, now });
        out.push(`# ${name}: ${templateKey(template)} -> ${destination}`, renderCurl(req), "");
      }
    } finally {
      await channel.close();
    }
  }
  writeOut(`${out.join("\n")}`);
}
