import pl from "nodejs-polars";
import { PRIVILEGED_ANAPLAN_EVENT_CODES } from "../anaplan/event-catalog.js";

/**
 * The events that change who can access what: codes the catalogue marks `privileged` (account
 * creation, activation, disabling and removal, tenant and workspace membership, role and
 * workspace-admin grants, SSO exceptions and connections, encryption-domain roles). Failed or
 * denied attempts are not privileged (nothing changed): look at them beside this set.
 *
 * @param events - any frame with an `eventTypeId` column
 * @returns the privileged rows, in their order, with the same columns
 * @example
 * ```ts
 * withEventNames(privilegedEvents(events)).select("eventDate", "eventTypeId", "eventName", "userId", "objectId")
 * ```
 */
export function privilegedEvents(events: pl.DataFrame): pl.DataFrame {
  return events.filter(pl.col("eventTypeId").isIn([...PRIVILEGED_ANAPLAN_EVENT_CODES]));
}
