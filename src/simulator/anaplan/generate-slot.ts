import type { PlantedAnaplanEvent } from "../planted-violations.js";
import { seededRandom } from "../random.js";
import type { AnaplanTenant } from "./anaplan-tenant.js";
import { type DrawOverrides, drawEvent, drawEventHead, SLOT_MS } from "./draw-event.js";
import { drawPlantedEvent, FIRST_PLANTED_INDEX } from "./draw-planted-event.js";
import { CATEGORY_COUNT } from "./event-types.js";

/** What generates a tenant's events: a pure function of these and the hour slot. */
export interface EventSource {
  seed: number;
  tenant: AnaplanTenant;
  /** Average events per day (weekdays more, weekends less, busy hours more). */
  eventsPerDay: number;
  /** Events planted on purpose (rule violations), placed in their hour slots. @default none */
  planted?: readonly PlantedAnaplanEvent[] | undefined;
}

/** The small, filterable part of an hour's events, sorted by (eventDate, id). */
export interface SlotSkeleton {
  count: number;
  eventDate: Float64Array;
  createdDate: Float64Array;
  /** {@link CATEGORY} value per event. */
  category: Uint8Array;
  /** Events per category. */
  categoryCounts: Uint32Array;
  /** Latest createdDate: when it is <= now, every event of the slot has been ingested. */
  maxCreated: number;
}

/** An hour's events pre-serialised: event `i` is `bytes[offsets[i]..offsets[i+1])`, comma first. */
export interface SlotBytes {
  bytes: Buffer;
  offsets: Uint32Array;
}

/** An event that arrived late (fault `insertDuringPaging`), generated with forced dates. */
export interface InsertedEvent {
  index: number;
  eventDate: number;
  createdDate: number;
}

/** First event index used for late-inserted events. */
export const FIRST_INSERTED_INDEX = 120_000;
/** Largest `eventsPerDay` the id scheme supports (the busiest hour stays below 120,000 events). */
export const MAX_EVENTS_PER_DAY = 1_000_000;

const DIURNAL = (() => {
  const raw = [
    0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.1, 1.5, 1.8, 1.9, 1.8, 1.6, 1.6, 1.8, 1.9, 1.8, 1.6, 1.3, 1.0, 0.8, 0.6,
    0.45, 0.35, 0.3,
  ];
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((x) => x / mean);
})();

/**
 * How many ordinary events an hour has (busy hours and weekdays more; the weekly mean is
 * `eventsPerDay / 24`), and its password-spraying burst of failed logins, if any (~4 % of hours).
 *
 * @param source - seed and volume
 * @param slot - hour number since the epoch
 * @returns the plan of the hour
 */
export function slotPlan(
  source: EventSource,
  slot: number,
): { ordinary: number; burst: number; burstIp: string; burstStart: number; burstGapMs: number } {
  const r = seededRandom(source.seed, 0x5107, slot);
  const day = Math.floor(slot / 24);
  const weekday = (((4 + day) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const dayFactor = weekday === 0 || weekday === 6 ? 0.35 : 1.26;
  const mean = (source.eventsPerDay / 24) * DIURNAL[((slot % 24) + 24) % 24]! * dayFactor;
  const ordinary = Math.floor(mean * (0.85 + 0.3 * r()) + r());
  const hasBurst = r() < 0.04;
  return {
    ordinary,
    burst: hasBurst ? 8 + Math.floor(r() * 25) : 0,
    burstIp: `198.51.100.${200 + Math.floor(r() * 50)}`,
    burstStart: Math.floor(r() * (SLOT_MS - 600_000)),
    burstGapMs: 2000 + Math.floor(r() * 15_000),
  };
}

/** The events of a slot as (index, overrides) pairs: ordinary, burst, then late-inserted ones. */
function slotEntries(
  source: EventSource,
  slot: number,
  inserted: readonly InsertedEvent[],
): Array<[index: number, overrides: DrawOverrides | undefined]> {
  const plan = slotPlan(source, slot);
  const entries: Array<[number, DrawOverrides | undefined]> = [];
  for (let i = 0; i < plan.ordinary; i++) entries.push([i, undefined]);
  for (let j = 0; j < plan.burst; j++) {
    const eventDate = slot * SLOT_MS + plan.burstStart + j * plan.burstGapMs;
    entries.push([plan.ordinary + j, { eventDate, burstIp: plan.burstIp }]);
  }
  for (const x of inserted) entries.push([x.index, { eventDate: x.eventDate, createdDate: x.createdDate }]);
  return entries;
}

/**
 * Draws only the heads of one hour's events (dates, ids, types): enough to count and filter,
 * several times cheaper than {@link generateSlot}, and in the same order.
 *
 * @param source - seed, tenant and volume
 * @param slot - hour number since the epoch
 * @param inserted - late-arriving events of this slot
 * @returns the skeleton
 */
export function generateSkeleton(
  source: EventSource,
  slot: number,
  inserted: readonly InsertedEvent[],
): SlotSkeleton {
  const heads: Array<{ eventDate: number; createdDate: number; category: number; big: boolean; id: string }> =
    [
      ...slotEntries(source, slot, inserted).map(([index, overrides]) =>
        drawEventHead(source.seed, slot, index, overrides),
      ),
      ...plantedIn(source, slot),
    ];
  heads.sort(compareEvents);
  return skeletonOf(heads);
}

/**
 * Generates every event of one hour slot (ordinary, burst and late-inserted), sorted by
 * eventDate then id, as a skeleton for filtering and counting and as pre-serialised bytes.
 *
 * @param source - seed, tenant and volume
 * @param slot - hour number since the epoch
 * @param inserted - late-arriving events of this slot
 * @returns the skeleton and the bytes
 * @example
 * ```ts
 * const { skeleton, bytes } = generateSlot(source, 493_000, []);
 * ```
 */
export function generateSlot(
  source: EventSource,
  slot: number,
  inserted: readonly InsertedEvent[],
): { skeleton: SlotSkeleton; bytes: SlotBytes } {
  const events = [
    ...slotEntries(source, slot, inserted).map(([index, overrides]) =>
      drawEvent(source.seed, source.tenant, slot, index, overrides),
    ),
    ...plantedIn(source, slot),
  ];
  events.sort(compareEvents);

  const count = events.length;
  const offsets = new Uint32Array(count + 1);
  let size = 0;
  if (source.tenant.asciiOnly) {
    // Every text is ASCII: string lengths are byte lengths, and each event is written straight
    // from its (unflattened) string, without a joined copy of the slot.
    for (let i = 0; i < count; i++) {
      offsets[i] = size;
      size += events[i]!.json.length;
    }
    offsets[count] = size;
    const bytes = Buffer.allocUnsafeSlow(size);
    for (let i = 0; i < count; i++) bytes.write(events[i]!.json, offsets[i]!, "latin1");
    return { skeleton: skeletonOf(events), bytes: { bytes, offsets } };
  }
  for (let i = 0; i < count; i++) {
    offsets[i] = size;
    size += Buffer.byteLength(events[i]!.json);
  }
  offsets[count] = size;
  const bytes = Buffer.allocUnsafeSlow(size);
  for (let i = 0; i < count; i++) bytes.write(events[i]!.json, offsets[i]!);
  return { skeleton: skeletonOf(events), bytes: { bytes, offsets } };
}

/** The planted events of a slot, serialised (index = position in the planted list). */
function plantedIn(source: EventSource, slot: number) {
  const out = [];
  const planted = source.planted ?? [];
  for (let k = 0; k < planted.length; k++) {
    const p = planted[k]!;
    if (Math.floor(p.eventDate / SLOT_MS) === slot)
      out.push(drawPlantedEvent(p, source.tenant, slot, FIRST_PLANTED_INDEX + k));
  }
  return out;
}

function skeletonOf(
  events: ReadonlyArray<{ eventDate: number; createdDate: number; category: number }>,
): SlotSkeleton {
  const count = events.length;
  const eventDate = new Float64Array(count);
  const createdDate = new Float64Array(count);
  const category = new Uint8Array(count);
  const categoryCounts = new Uint32Array(CATEGORY_COUNT);
  let maxCreated = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    eventDate[i] = e.eventDate;
    createdDate[i] = e.createdDate;
    category[i] = e.category;
    categoryCounts[e.category]!++;
    if (e.createdDate > maxCreated) maxCreated = e.createdDate;
  }
  return { count, eventDate, createdDate, category, categoryCounts, maxCreated };
}

/**
 * Orders events by eventDate, then numerically by id (10-digit ids before 19-digit ones).
 *
 * @param a - an event (head)
 * @param b - another
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 */
export function compareEvents(
  a: { eventDate: number; big: boolean; id: string },
  b: { eventDate: number; big: boolean; id: string },
): number {
  if (a.eventDate !== b.eventDate) return a.eventDate - b.eventDate;
  if (a.big !== b.big) return a.big ? 1 : -1;
  if (a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
