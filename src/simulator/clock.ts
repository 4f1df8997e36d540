/**
 * Options of a {@link SimulatorClock}.
 *
 * @example
 * ```ts
 * const clock: SimulatorClockOptions = { start: "2026-03-01T00:00:00Z", frozen: true };
 * ```
 */
export interface SimulatorClockOptions {
  /** The simulated "now" at start (Date, ISO text or epoch ms). @default the real current time */
  start?: Date | string | number;
  /** Stand still until advanced or set, instead of ticking with real time. @default false */
  frozen?: boolean;
}

/**
 * The simulator's notion of "now": it decides which events exist, which are still within the
 * 30-day retention, and when tokens expire. Tests freeze it, set it and advance it.
 *
 * @example
 * ```ts
 * const clock = new SimulatorClock({ start: "2026-11-01T00:00:00Z", frozen: true });
 * clock.advance(86_400_000);
 * new Date(clock.now()).toISOString() //=> "2026-11-02T00:00:00.000Z"
 * ```
 */
export class SimulatorClock {
  #base: number;
  #realAtBase: number;
  #frozen: boolean;

  constructor(options: SimulatorClockOptions = {}) {
    this.#base = options.start === undefined ? Date.now() : toMs(options.start);
    this.#realAtBase = Date.now();
    this.#frozen = options.frozen ?? false;
  }

  /** Current simulated time in epoch ms. */
  now(): number {
    return this.#frozen ? this.#base : this.#base + (Date.now() - this.#realAtBase);
  }

  /** Jumps to a time. */
  set(time: Date | string | number): void {
    this.#base = toMs(time);
    this.#realAtBase = Date.now();
  }

  /** Moves forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  /** Stops the clock where it is. */
  freeze(): void {
    this.set(this.now());
    this.#frozen = true;
  }

  /** Lets the clock tick with real time again. */
  resume(): void {
    this.set(this.now());
    this.#frozen = false;
  }

  /** Whether the clock stands still. */
  get frozen(): boolean {
    return this.#frozen;
  }
}

function toMs(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === "number" ? time : Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`Not a time: ${String(time)}`);
  return ms;
}
