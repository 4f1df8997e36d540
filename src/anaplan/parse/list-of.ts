import { PayloadError } from "../../errors/payload-error.js";
import { excerpt } from "../../http/redact.js";

/**
 * The array of row objects under `key` of a parsed list response.
 *
 * @param root - the parsed JSON body
 * @param key - `response` (audit) or `users`
 * @param what - what the body should be, for messages
 * @param body - the raw bytes, for the excerpt
 * @returns the row objects
 *
 * @throws {@link PayloadError} when the body is not an object, has no such array, or holds a
 * row that is not an object
 * @example
 * ```ts
 * listOf({ users: [{ id: "a" }] }, "users", "a users page", bytes) //=> [{ id: "a" }]
 * ```
 */
export function listOf(root: unknown, key: string, what: string, body: Uint8Array): object[] {
  const where = `Retry; if it persists, check that the URL points at the Anaplan API`;
  if (!root || typeof root !== "object" || Array.isArray(root)) {
    throw new PayloadError(
      `Expected ${what} (a JSON object with a "${key}" array) but got ${Array.isArray(root) ? "an array" : typeof root}. ${where}.`,
      excerpt(body),
    );
  }
  const list = (root as Record<string, unknown>)[key];
  if (!Array.isArray(list)) {
    const keys = Object.keys(root).slice(0, 8).join(", ") || "none";
    throw new PayloadError(
      `Expected ${what} with a "${key}" array but it has ${list === undefined ? "none" : `a ${typeof list}`} (keys: ${keys}). ${where}.`,
      excerpt(body),
    );
  }
  for (let i = 0; i < list.length; i++) {
    const row = list[i];
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      throw new PayloadError(
        `Expected ${what} whose "${key}" holds objects, but item ${i} is ${row === null ? "null" : typeof row}. ${where}.`,
        excerpt(body),
      );
    }
  }
  return list as object[];
}
