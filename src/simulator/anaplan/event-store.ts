import { seededRandom } from "../random.js";
import { MAX_EVENTS_PER_SLOT, SLOT_MS } from "./draw-event.js";
import { ALL_CATEGORIES } from "./event-types.js";
import {
  type EventSource,
  FIRST_INSERTED_INDEX,
  generateSkeleton,
  generateSlot,
  type InsertedEvent,
  type SlotBytes,
  type SlotSkeleton,
} from "./generate-slot.js";
import { WeightedLru } from "./weighted-lru.js";

/** How long the Audit API keeps events: 30 days back from now, by eventDate. */
export const RETENTION_MS = 30 * 86_400_000;

/** A query: eventDate in [from, to] (inclusive, epoch ms) and one category or all. */
export interface EventWindow {
  from: number;
  to: number;
  /** A {@link CATEGORY} value or {@link ALL_CATEGORIES}. */
  category: number;
}

/** Cache budgets of an {@link EventStore}. */
export interface EventStoreOptions {
  /** Pre-serialised event bytes kept in memory. @default 768 MiB */
  cacheBytes?: number;
  /** Events whose dates and categories are kept for counting (17 bytes each). @default 4,000,000 */
  cacheEvents?: number;
}

/** A page: byte chunks to concatenate (the first starts with a comma to drop) and its row count. */
export interface EventPage {
  chunks: Buffer[];
  rows: number;
}

/**
 * The tenant's events as the Audit API sees them at a given "now": an event is visible when its
 * eventDate is within the last 30 days and its createdDate (ingestion) is not in the future.
 * Events are generated per hour slot on demand, cached (dates and categories for counting,
 * pre-serialised JSON for pages) within budgets, and regenerated identically when evicted.
 * Pages are assembled from byte ranges, without building an object per event.
 *
 * @example
 * ```ts
 * const store = new EventStore({ seed: 1, tenant, eventsPerDay: 1500 });
 * const total = store.count({ from, to, category: ALL_CATEGORIES }, now);
 * const page = store.page({ from, to, category: ALL_CATEGORIES }, now, 0, 10_000);
 * ```
 */
export class EventStore {
  readonly #source: EventSource;
  readonly #skeletons: WeightedLru<number, SlotSkeleton>;
  readonly #bytes: WeightedLru<number, SlotBytes>;
  readonly #inserted = new Map<number, InsertedEvent[]>();
  #insertions = 0;
  #prunedBelow = Number.NEGATIVE_INFINITY;
  /** Hour slots generated so far (a slot regenerated after eviction counts again). */
  slotsGenerated = 0;

  /**
   * @param source - seed, tenant and volume
   * @param options - cache budgets
   */
  constructor(source: EventSource, options: EventStoreOptions = {}) {
    this.#source = source;
    this.#skeletons = new WeightedLru(options.cacheEvents ?? 4_000_000, (s) => s.count + 64);
    this.#bytes = new WeightedLru(options.cacheBytes ?? 768 * 1024 * 1024, (b) => b.bytes.length + 64);
  }

  /** What generates the events (seed, tenant, volume): the users API derives lastLoginDate from it. */
  get source(): EventSource {
    return this.#source;
  }

  /** Number of events of the window visible at `now` (totalSize). */
  count(window: EventWindow, now: number): number {
    let total = 0;
    this.#forSlots(window, now, (slot, lo, hi) => {
      total += this.#countIn(slot, this.#skeleton(slot), lo, hi, now, window.category);
      return true;
    });
    return total;
  }

  /** The rows `[offset, offset + limit)` of the window visible at `now`, as byte chunks. */
  page(window: EventWindow, now: number, offset: number, limit: number): EventPage {
    const chunks: Buffer[] = [];
    let skip = offset;
    let rows = 0;
    if (limit <= 0) return { chunks, rows };
    this.#forSlots(window, now, (slot, lo, hi) => {
      const sk = this.#skeleton(slot);
      const n = this.#countIn(slot, sk, lo, hi, now, window.category);
      if (skip >= n) {
        skip -= n;
        return true;
      }
      const { bytes, offsets } = this.#slotBytes(slot);
      let runStart = -1;
      let runEnd = -1;
      this.#matches(slot, sk, lo, hi, now, window.category, (p) => {
        if (skip > 0) {
          skip--;
          return true;
        }
        if (p === runEnd) runEnd++;
        else {
          if (runStart >= 0) chunks.push(bytes.subarray(offsets[runStart], offsets[runEnd]));
          runStart = p;
          runEnd = p + 1;
        }
        rows++;
        return rows < limit;
      });
      if (runStart >= 0) chunks.push(bytes.subarray(offsets[runStart], offsets[runEnd]));
      return rows < limit;
    });
    return { chunks, rows };
  }

  /** Ids of every event of the window visible at `now`, in API order (eventDate, then id). */
  ids(window: EventWindow, now: number): string[] {
    const ids: string[] = [];
    this.#forSlots(window, now, (slot, lo, hi) => {
      const sk = this.#skeleton(slot);
      const { bytes, offsets } = this.#slotBytes(slot);
      this.#matches(slot, sk, lo, hi, now, window.category, (p) => {
        const start = offsets[p]! + 7; // after `,{"id":`
        ids.push(bytes.toString("latin1", start, bytes.indexOf(44, start)));
        return true;
      });
      return true;
    });
    return ids;
  }

  /**
   * Adds `count` late-arriving events with eventDate inside the visible part of the window and
   * createdDate = now; from then on they are ordinary tenant events.
   *
   * @returns how many were added (fewer when the window is empty)
   */
  insertLate(window: EventWindow, now: number, count: number): number {
    const lo = Math.max(window.from, now - RETENTION_MS);
    const hi = Math.min(window.to, now);
    if (lo > hi) return 0;
    let added = 0;
    for (let k = 0; k < count; k++) {
      const r = seededRandom(this.#source.seed, 0x1a7e, this.#insertions++);
      const eventDate = lo + Math.floor(r() * (hi - lo + 1));
      const slot = Math.floor(eventDate / SLOT_MS);
      const list = this.#inserted.get(slot) ?? [];
      const index = FIRST_INSERTED_INDEX + list.length;
      if (index >= MAX_EVENTS_PER_SLOT) continue;
      list.push({ index, eventDate, createdDate: now });
      this.#inserted.set(slot, list);
      this.#skeletons.delete(slot);
      this.#bytes.delete(slot);
      added++;
    }
    return added;
  }

  /** Generates and caches the pre-serialised events of [from, to] (within the byte budget). */
  warm(from: number, to: number): void {
    for (let slot = Math.floor(from / SLOT_MS); slot <= Math.floor(to / SLOT_MS); slot++)
      this.#slotBytes(slot);
  }

  /** Bytes of pre-serialised events held in the cache. */
  get cachedBytes(): number {
    return this.#bytes.weight;
  }

  /** Calls `visit(slot, lo, hi)` for each hour slot overlapping the visible window, in order. */
  #forSlots(
    window: EventWindow,
    now: number,
    visit: (slot: number, lo: number, hi: number) => boolean,
  ): void {
    this.#prune(now);
    const lo = Math.max(window.from, now - RETENTION_MS);
    const hi = Math.min(window.to, now);
    if (lo > hi) return;
    for (let slot = Math.floor(lo / SLOT_MS); slot <= Math.floor(hi / SLOT_MS); slot++) {
      if (!visit(slot, lo, hi)) return;
    }
  }

  /** Drops cached slots that fell out of retention: the API can no longer return them. */
  #prune(now: number): void {
    const below = Math.floor((now - RETENTION_MS) / SLOT_MS);
    if (below <= this.#prunedBelow) return;
    this.#prunedBelow = below;
    this.#skeletons.deleteWhere((slot) => slot < below);
    this.#bytes.deleteWhere((slot) => slot < below);
  }

  #countIn(slot: number, sk: SlotSkeleton, lo: number, hi: number, now: number, category: number): number {
    const start = slot * SLOT_MS;
    if (lo <= start && start + SLOT_MS - 1 <= hi && sk.maxCreated <= now) {
      return category === ALL_CATEGORIES ? sk.count : sk.categoryCounts[category]!;
    }
    let n = 0;
    this.#matches(slot, sk, lo, hi, now, category, () => {
      n++;
      return true;
    });
    return n;
  }

  /** Calls `each(position)` for the slot's events matching, in order, until it returns false. */
  #matches(
    slot: number,
    sk: SlotSkeleton,
    lo: number,
    hi: number,
    now: number,
    category: number,
    each: (position: number) => boolean,
  ): void {
    const start = slot * SLOT_MS;
    const whole = lo <= start && start + SLOT_MS - 1 <= hi && sk.maxCreated <= now;
    const { eventDate, createdDate, category: cat } = sk;
    let p = whole ? 0 : lowerBound(eventDate, lo);
    for (; p < sk.count; p++) {
      if (!whole) {
        if (eventDate[p]! > hi) return;
        if (createdDate[p]! > now) continue;
      }
      if (category !== ALL_CATEGORIES && cat[p] !== category) continue;
      if (!each(p)) return;
    }
  }

  #skeleton(slot: number): SlotSkeleton {
    let skeleton = this.#skeletons.get(slot);
    if (!skeleton) {
      skeleton = generateSkeleton(this.#source, slot, this.#inserted.get(slot) ?? []);
      this.#skeletons.set(slot, skeleton);
    }
    return skeleton;
  }

  #slotBytes(slot: number): SlotBytes {
    return this.#bytes.get(slot) ?? this.#generate(slot).bytes;
  }

  #generate(slot: number): { skeleton: SlotSkeleton; bytes: SlotBytes } {
    const generated = generateSlot(this.#source, slot, this.#inserted.get(slot) ?? []);
    this.slotsGenerated++;
    this.#skeletons.set(slot, generated.skeleton);
    this.#bytes.set(slot, generated.bytes);
    return generated;
  }
}

/** First index whose value is >= x in an ascending array. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
