import type pl from "nodejs-polars";

/**
 * The person key of an Anaplan user id: the user's lower-cased e-mail from the users frame, or
 * the id itself for accounts the frame does not list (deleted users, `INTERNAL_*` system actors);
 * an empty string for a missing id. The one rule the frame helpers, rules and entitlement replay
 * use to name people.
 *
 * @param users - an Anaplan users frame (`id`, `email`), or undefined when none was read
 * @returns the lookup
 * @example
 * ```ts
 * const personOf = anaplanPersonOf(users);
 * personOf("8a81b09c…") //=> "ann@example.com"
 * personOf("INTERNAL_7") //=> "INTERNAL_7"
 * ```
 */
export function anaplanPersonOf(users: pl.DataFrame | undefined): (userId: unknown) => string {
  const emails = new Map<string, string>();
  for (const u of users?.select("id", "email").toRecords() ?? []) {
    if (u.email) emails.set(String(u.id), String(u.email).trim().toLowerCase());
  }
  return (userId) => (userId == null ? "" : (emails.get(String(userId)) ?? String(userId)));
}
