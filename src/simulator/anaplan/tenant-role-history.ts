import type { AnaplanTenant } from "./anaplan-tenant.js";
import { SLOT_MS } from "./draw-event.js";
import { type EventSource, generateSlot } from "./generate-slot.js";

/** A role event of the simulated audit stream (AUTHZ-3/6, successful) or a visitor event (USR-30). */
export interface SimRoleEvent {
  id: string;
  code: string;
  eventDate: number;
  /** Target user id (the event's objectId). */
  userId: string;
  roleName: string;
}

/** One tenant-role assignment of the ground truth. */
export interface SimRoleAssignment {
  userId: string;
  /** The account's e-mail, when the account is in the tenant (deleted accounts included). */
  email: string | undefined;
  roleName: string;
}

const DAY_MS = 86_400_000;
/** How far after the origin the baseline looks for first events (see {@link TenantRoleHistory}). */
export const ROLE_HISTORY_HORIZON_DAYS = 40;
/** Hour slots of parsed role events kept in memory. */
const MAX_CACHED_SLOTS = 24 * 120;

/**
 * Who holds which tenant role, as the simulated tenant really is: a baseline at `origin` (30 days
 * before the simulator's start day) plus the replay of the AUTHZ-3/6 events the Audit API serves
 * (the same generator, seed and hours). The baseline holds exactly the (user, role) pairs whose
 * first event within {@link ROLE_HISTORY_HORIZON_DAYS} days of the origin is an unassignment, so
 * that event has an effect. Events that change nothing (a role assigned to a user who holds it,
 * or unassigned from one who does not) are the stream's privileged events without effect.
 * Late-inserted events (fault `insertDuringPaging`) are not part of this history.
 *
 * @example
 * ```ts
 * const history = new TenantRoleHistory(source, origin);
 * history.rolesAt(Date.now()).length
 * ```
 */
export class TenantRoleHistory {
  readonly origin: number;
  readonly #source: EventSource;
  readonly #slots = new Map<number, SimRoleEvent[]>();
  #baseline: Set<string> | undefined;

  /**
   * @param source - the event source of the audit stream
   * @param origin - when the baseline holds (epoch ms)
   */
  constructor(source: EventSource, origin: number) {
    this.#source = source;
    this.origin = origin;
  }

  /** The role and visitor events with eventDate in (from, to], oldest first. */
  events(from: number, to: number): SimRoleEvent[] {
    const out: SimRoleEvent[] = [];
    for (let slot = Math.floor((from + 1) / SLOT_MS); slot <= Math.floor(to / SLOT_MS); slot++) {
      for (const e of this.#slot(slot)) if (e.eventDate > from && e.eventDate <= to) out.push(e);
    }
    return out;
  }

  /** The (user, role) keys held at the origin. */
  baselineKeys(): Set<string> {
    if (this.#baseline) return this.#baseline;
    const seen = new Set<string>();
    const held = new Set<string>();
    for (const e of this.events(this.origin, this.origin + ROLE_HISTORY_HORIZON_DAYS * DAY_MS)) {
      if (e.code === "USR-30") continue;
      const k = key(e.userId, e.roleName);
      if (seen.has(k)) continue;
      seen.add(k);
      if (e.code === "AUTHZ-6") held.add(k);
    }
    this.#baseline = held;
    return held;
  }

  /** Keys held at `at`: the baseline replayed up to `at` (eventDate <= at). */
  keysAt(at: number): Set<string> {
    const held = new Set(this.baselineKeys());
    if (at <= this.origin) return held;
    for (const e of this.events(this.origin, at)) apply(held, e);
    return held;
  }

  /** The assignments held at `at`, sorted by user id and role. */
  rolesAt(at: number, tenant: AnaplanTenant): SimRoleAssignment[] {
    const emails = new Map(tenant.accounts.map((a) => [a.id, a.email]));
    return [...this.keysAt(at)].sort().map((k) => {
      const [userId, roleName] = k.split("\u0001") as [string, string];
      return { userId, email: emails.get(userId), roleName };
    });
  }

  /**
   * Ids of the privileged events between consecutive snapshot times whose change no snapshot at
   * those times shows: visitor additions (USR-30: the visitor lists never show these synthetic
   * guests), and role events on a (user, role) whose holding did not change between the two
   * snapshots — all of them — or did change, except the last event in the direction of the change
   * (the one that explains it).
   *
   * @param times - snapshot times (epoch ms), ascending
   */
  withoutEffect(times: readonly number[]): string[] {
    const ids: string[] = [];
    for (let i = 0; i + 1 < times.length; i++) {
      const from = times[i]!;
      const to = times[i + 1]!;
      const before = this.keysAt(from);
      const after = this.keysAt(to);
      const byKey = new Map<string, SimRoleEvent[]>();
      for (const e of this.events(from, to)) {
        if (e.code === "USR-30") {
          ids.push(e.id);
          continue;
        }
        const k = key(e.userId, e.roleName);
        byKey.set(k, [...(byKey.get(k) ?? []), e]);
      }
      for (const [k, events] of byKey) {
        const changed = before.has(k) !== after.has(k);
        const code = after.has(k) ? "AUTHZ-3" : "AUTHZ-6";
        const explaining = changed ? events.filter((e) => e.code === code).at(-1) : undefined;
        for (const e of events) if (e !== explaining) ids.push(e.id);
      }
    }
    return ids;
  }

  #slot(slot: number): SimRoleEvent[] {
    const cached = this.#slots.get(slot);
    if (cached) return cached;
    const { bytes, offsets } = generateSlot(this.#source, slot, []).bytes;
    const out: SimRoleEvent[] = [];
    for (let i = 0; i + 1 < offsets.length; i++) {
      const text = bytes.toString("utf8", offsets[i]! + 1, offsets[i + 1]);
      if (!text.includes('"AUTHZ-3"') && !text.includes('"AUTHZ-6"') && !text.includes('"USR-30"')) continue;
      const e = JSON.parse(text.replace(/^\{"id":(\d+)/, '{"id":"$1"')) as Record<string, unknown>;
      if (e.success !== true) continue;
      const attributes = (e.additionalAttributes ?? {}) as Record<string, unknown>;
      out.push({
        id: String(e.id),
        code: String(e.eventTypeId),
        eventDate: Number(e.eventDate),
        userId: String(e.objectId ?? ""),
        roleName: String(attributes.roleName ?? ""),
      });
    }
    if (this.#slots.size >= MAX_CACHED_SLOTS) this.#slots.delete(this.#slots.keys().next().value!);
    this.#slots.set(slot, out);
    return out;
  }
}

function key(userId: string, roleName: string): string {
  return `${userId}\u0001${roleName}`;
}

/** Applies an event to the held keys. */
function apply(held: Set<string>, e: SimRoleEvent): void {
  if (e.code === "USR-30") return;
  const k = key(e.userId, e.roleName);
  if (e.code === "AUTHZ-3") held.add(k);
  else held.delete(k);
}
