import type { PlantedAnaplanEvent } from "../planted-violations.js";
import type { AnaplanTenant } from "./anaplan-tenant.js";
import { type DrawnEvent, MAX_EVENTS_PER_SLOT } from "./draw-event.js";
import { EVENT_KINDS } from "./event-types.js";

/** First event index of planted events in a slot (after ordinary and late-inserted ones). */
export const FIRST_PLANTED_INDEX = 125_000;

/**
 * Serialises a planted event like a generated one: a 10-digit id from its slot and index,
 * ingested one second after it happened.
 *
 * @param p - the planted event
 * @param tenant - the tenant (its id)
 * @param slot - the event's hour slot
 * @param index - its index in the slot, from {@link FIRST_PLANTED_INDEX}
 * @returns the event as the store keeps it
 * @example
 * ```ts
 * drawPlantedEvent(planted[0], tenant, Math.floor(planted[0].eventDate / 3_600_000), FIRST_PLANTED_INDEX).json
 * ```
 */
export function drawPlantedEvent(
  p: PlantedAnaplanEvent,
  tenant: AnaplanTenant,
  slot: number,
  index: number,
): DrawnEvent {
  const kind = EVENT_KINDS.find((k) => k.code === p.eventTypeId) ?? EVENT_KINDS[0]!;
  const id = String(1_000_000_000 + (((slot % 65_536) + 65_536) % 65_536) * MAX_EVENTS_PER_SLOT + index);
  const createdDate = p.eventDate + 1000;
  const event = {
    eventTypeId: p.eventTypeId,
    userId: p.userId,
    tenantId: tenant.tenantId,
    ...(p.objectId === undefined ? {} : { objectId: p.objectId }),
    objectTenantId: tenant.tenantId,
    message: kind.message,
    success: p.success,
    ...(p.success ? {} : { errorNumber: "401001" }),
    ipAddress: p.ipAddress,
    userAgent: "Mozilla/5.0",
    hostName: "auth-us1a-02",
    eventDate: p.eventDate,
    eventTimeZone: "UTC",
    createdDate,
    createdTimeZone: "UTC",
    checksum: String(index),
    ...(p.additionalAttributes === undefined ? {} : { additionalAttributes: p.additionalAttributes }),
  };
  const json = `,{"id":${id},${JSON.stringify(event).slice(1)}`;
  return { eventDate: p.eventDate, createdDate, category: kind.category, big: false, id, json };
}
