// Options spelled the same way on every command: `--format` with its choices in the help, and
// `-o, --out` for the file a command writes (older spellings stay as hidden aliases, so scripts
// written against them keep working).

import { Option } from "commander";
import { CHANNEL_NAMES } from "../../model/template.js";

/**
 * `--format <format>` listing its choices in the help. The value is checked by the action
 * (`parseFormat`), not by commander, so a wrong one is waform's own one-line error with a hint,
 * raised before anything is read or written.
 */
export function formatOption(formats: readonly string[], fallback: string): Option {
  const option = new Option("--format <format>", "output format").default(fallback);
  option.argChoices = [...formats];
  return option;
}

/**
 * `--channel <channel>` listing the test-send channels from the one list the action accepts
 * (checked there, like `--format`), so a new channel cannot be missing from the help.
 */
export function channelOption(description: string): Option {
  const option = new Option("--channel <channel>", description);
  option.argChoices = [...CHANNEL_NAMES];
  return option;
}

/** `-o, --out <file>`: where the command writes its file. */
export function outOption(description: string): Option {
  return new Option("-o, --out <file>", description);
}

/** A former spelling of an option, accepted but not shown in the help. */
export function hiddenAlias(flags: string, of: string): Option {
  return new Option(flags, `former spelling of ${of}`).hideHelp();
}
