import type { ChannelName } from "./template.js";

/** One Gupshup app, as declared under `apps:` in templates.yaml. */
export interface AppConfig {
  /** Local alias used by templates (`app: shop`). */
  alias: string;
  /** Gupshup app id (UUID). */
  appId: string;
  /** Gupshup app name: the `src.name` of sends. */
  appName: string;
  /** Business sender number, E.164 with a leading `+`. */
  source: string;
  /** Delete remote templates of this app that are not declared. */
  prune: boolean;
  /** Template API calls per minute this app may make (Gupshup default: 10). Undefined: not configured. */
  rateLimitPerMinute?: number;
  /** Default test-send channel for this app's templates. */
  channel?: ChannelName;
}

/** The whole declaration: what `config/` returns from one or more YAML files. */
export interface Declaration {
  apps: AppConfig[];
  templates: import("./template.js").DesiredTemplate[];
}
