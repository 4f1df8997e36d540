import { type DrawnSignIn, drawSignIn, SLOT_MS } from "./draw-event.js";
import { type EventSource, slotPlan } from "./generate-slot.js";

/** How far back the simulated users API looks for a user's last sign-in (older: never signed in). */
export const SIGN_IN_HISTORY_DAYS = 90;
/** Sign-ins kept in memory across hour slots (the cache is dropped when it would grow past this). */
const MAX_CACHED_SIGN_INS = 2_000_000;

/**
 * The successful sign-ins (USR-8) among the simulator's generated events, per hour slot, from
 * the same draws as the events themselves: the users API's `lastLoginDate` is read from here,
 * so it agrees with the audit events whatever the clock. Late-inserted events (the
 * `insertDuringPaging` fault) are not sign-ins of record and are left out.
 *
 * Bounded: a lookup scans at most {@link SIGN_IN_HISTORY_DAYS} days of hour slots (each at most
 * the slot's ordinary events), stopping as soon as every account that can sign in is found.
 *
 * @example
 * ```ts
 * const history = new SignInHistory({ seed: 1, tenant, eventsPerDay: 1500 });
 * history.lastSignIns(Date.now()).get(tenant.listed[0].id) //=> epoch ms of the last sign-in, or undefined
 * ```
 */
export class SignInHistory {
  readonly #source: EventSource;
  readonly #slots = new Map<number, DrawnSignIn[]>();
  #cached = 0;
  /** Accounts that can sign in (active ones): the scan stops when all are found. */
  readonly #canSignIn: number;

  /** @param source - seed, tenant and volume of the events */
  constructor(source: EventSource) {
    this.#source = source;
    this.#canSignIn = source.tenant.accounts.filter((a) => a.active).length;
  }

  /**
   * Each user's last successful sign-in at `now`: the latest USR-8 with eventDate and
   * createdDate (ingestion) at or before `now`, within {@link SIGN_IN_HISTORY_DAYS} days.
   *
   * @param now - the simulated clock, epoch ms
   * @returns user id → epoch ms (users without one are absent)
   */
  lastSignIns(now: number): Map<string, number> {
    const found = new Map<string, number>();
    const oldest = now - SIGN_IN_HISTORY_DAYS * 86_400_000;
    for (let slot = Math.floor(now / SLOT_MS); slot >= Math.floor(oldest / SLOT_MS); slot--) {
      for (const s of this.#signIns(slot)) {
        if (s.eventDate > now || s.createdDate > now || s.eventDate <= oldest) continue;
        const seen = found.get(s.userId);
        if (seen === undefined || s.eventDate > seen) found.set(s.userId, s.eventDate);
      }
      if (found.size >= this.#canSignIn) break;
    }
    return found;
  }

  #signIns(slot: number): DrawnSignIn[] {
    const cached = this.#slots.get(slot);
    if (cached) return cached;
    const { seed, tenant } = this.#source;
    const out: DrawnSignIn[] = [];
    const { ordinary } = slotPlan(this.#source, slot);
    for (let i = 0; i < ordinary; i++) {
      const s = drawSignIn(seed, tenant, slot, i);
      if (s) out.push(s);
    }
    if (this.#cached + out.length > MAX_CACHED_SIGN_INS) {
      this.#slots.clear();
      this.#cached = 0;
    }
    this.#slots.set(slot, out);
    this.#cached += out.length;
    return out;
  }
}
