import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimulatorClock } from "./clock.js";

/** What the server hands each simulated API. */
export interface SimulatorContext {
  /** The simulated "now". */
  clock: SimulatorClock;
  /** The seed of the synthetic tenants. */
  seed: number;
  /** Base URL of the server, e.g. `http://127.0.0.1:40123`; known once listening. */
  baseUrl(): string;
}

/** A simulated API mounted under a path prefix. `path` is the request path after the prefix. */
export interface SimulatedApi {
  handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void>;
}
