import type { AppConfig } from "../model/app.js";
import type { ChannelName, DesiredTemplate } from "../model/template.js";

export const DEFAULT_CHANNEL: ChannelName = "gupshup-partner";

/** Which channel a template's test sends use: `--channel` > the template's `test.channel` > the app's `channel` > gupshup-partner. */
export function resolveChannel(
  override: ChannelName | undefined,
  template: Pick<DesiredTemplate, "test">,
  app: Pick<AppConfig, "channel">,
): ChannelName {
  return override ?? template.test?.channel ?? app.channel ?? DEFAULT_CHANNEL;
}
