/**
 * An event's `additionalAttributes` (the JSON text the server sent) as an object, for reading a
 * few names such as `roleName` or `workspaceId`; anything that is not a JSON object (null, text
 * that is not JSON, an array) is an empty object. Numbers past 2^53 are rounded here: read ids as
 * text from the frame, not from this object.
 *
 * @param text - the `additionalAttributes` cell
 * @returns the attributes, or `{}`
 * @example
 * ```ts
 * parseAdditionalAttributes('{"roleName":"Tenant Auditor"}').roleName //=> "Tenant Auditor"
 * parseAdditionalAttributes(null) //=> {}
 * ```
 */
export function parseAdditionalAttributes(text: unknown): Record<string, unknown> {
  if (typeof text !== "string") return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch (error) {
    if (error instanceof SyntaxError) return {};
    throw error;
  }
}
