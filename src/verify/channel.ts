import type { AppConfig } from "../model/app.js";
import type { ChannelName, DesiredTemplate } from "../model/template.js";

export const DEFAULT_CHANNEL: ChannelName = "gupshup-partner";

/**
 * LTO templates default to the Meta-format `/v3/message`: the legacy `/template/msg` has no
 * documented place for the coupon code or the URL suffix (field-evidence.md §4).
 */
const DEFAULT_LTO_CHANNEL: ChannelName = "gupshup-v3";

/**
 * Which channel a template's test sends use: `--channel` > the template's `test.channel` > the
 * app's `channel` > gupshup-v3 for an LTO > gupshup-partner.
 */
export function resolveChannel(
  override: ChannelName | undefined,
  template: Pick<DesiredTemplate, "test" | "kind">,
  app: Pick<AppConfig, "channel">,
): ChannelName {
  return (
    override ??
    template.test?.channel ??
    app.channel ??
    (template.kind === "lto" ? DEFAULT_LTO_CHANNEL : DEFAULT_CHANNEL)
  );
}
