import pl from "nodejs-polars";
import { lastSignIns } from "./last-sign-ins.js";
import type { TimeWindow } from "./time-window.js";

/**
 * Options of {@link deactivatedSignIns}.
 *
 * @example
 * ```ts
 * const options: DeactivatedSignInsOptions = { window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface DeactivatedSignInsOptions {
  /** Only sign-ins inside this window. @default all events */
  window?: TimeWindow | undefined;
}

/**
 * Users the users API lists as deactivated (`active` false) who nevertheless have a successful
 * sign-in event (USR-8) in the window: either they signed in before being deactivated (check
 * when), or a deactivated account still works, which needs an explanation at once.
 *
 * @param users - an Anaplan users frame
 * @param events - an Anaplan events frame
 * @param options - the window
 * @returns `userId`, `email`, `firstName`, `lastName`, `lastSignIn`, `signIns`; sorted by email;
 *   zero rows when no deactivated user signed in
 * @example
 * ```ts
 * deactivatedSignIns(users, events, { window })
 * // │ userId ┆ email          ┆ firstName ┆ lastName ┆ lastSignIn              ┆ signIns │
 * // │ u3     ┆ cy@example.com ┆ Cy        ┆ Moreau   ┆ 2026-11-18 07:12:00 UTC ┆ 2       │
 * ```
 */
export function deactivatedSignIns(
  users: pl.DataFrame,
  events: pl.DataFrame,
  options: DeactivatedSignInsOptions = {},
): pl.DataFrame {
  return users
    .filter(pl.col("active").not())
    .select(pl.col("id").alias("userId"), "email", "firstName", "lastName")
    .join(lastSignIns(events, options), { on: "userId", how: "inner" })
    .sort("email");
}
