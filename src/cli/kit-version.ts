import { readFileSync } from "node:fs";

/**
 * The kit's version, from its package.json (found next to src/ and dist/ alike), for the
 * provenance every report states.
 *
 * @example
 * ```ts
 * KIT_VERSION //=> "0.1.0"
 * ```
 */
export const KIT_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
