import { setTimeout as sleep } from "node:timers/promises";
import { KitError } from "../errors/kit-error.js";
import { TimeoutError } from "../errors/network-error.js";
import { PayloadError } from "../errors/payload-error.js";
import { redactUrl } from "../http/redact.js";
import { checkEpmFileName, checkEpmJobPath } from "./check-epm-file-name.js";
import { EPM_SERVICE, type EpmCallOptions, type EpmContext } from "./epm-context.js";
import { type EpmEnvelope, readEpmEnvelope } from "./epm-envelope.js";
import { EpmJobError } from "./epm-job-error.js";
import { sameOriginLink } from "./same-origin-link.js";

/** Job parameters that name a repository file, checked like any file name. */
const FILE_NAME_KEYS = ["fileName", "filename", "report_name"];

/**
 * A job to start.
 *
 * @example
 * ```ts
 * const request: EpmJobRequest = { path: "/interop/rest/security/v2/report/roleassignmentreport/user", json: { fileName: "roles.csv" }, operation: "roleAssignments" };
 * ```
 */
export interface EpmJobRequest {
  /** Path under the base URL, e.g. `/interop/rest/v2/reports/groupaudit`. */
  path: string;
  /** @default "POST" */
  method?: "POST" | "GET";
  /** JSON body (interop v2 jobs). @default undefined */
  json?: Record<string, unknown>;
  /** Form-encoded body (security v1 jobs). @default undefined */
  form?: Record<string, string>;
  /** Query parameters. @default undefined */
  query?: Record<string, string>;
  /** Name used in messages, e.g. "Group Assignment Audit job". @default the path */
  operation?: string;
  /** Advice added when the job fails. @default a generic hint */
  failureHint?: string;
}

/**
 * Options of {@link EpmJobs.wait} and {@link EpmJobs.run}.
 *
 * @example
 * ```ts
 * const options: EpmJobWaitOptions = { timeoutMs: 300_000 };
 * ```
 */
export interface EpmJobWaitOptions extends EpmCallOptions {
  /** Longest wait for the job, in ms. @default the client's jobTimeoutMs */
  timeoutMs?: number;
}

/**
 * A job's envelope, with the operation name it was started under.
 *
 * @example
 * ```ts
 * const status: EpmJobStatus = { operation: "userLogins", status: 0, details: undefined, links: [], items: [], body: {} };
 * ```
 */
export interface EpmJobStatus extends EpmEnvelope {
  operation: string;
}

/**
 * EPM's asynchronous jobs: submit, then follow the link whose rel is exactly "Job Status"
 * (never a link to another origin) with growing waits until `status` is 0. A `status` > 0 is
 * an {@link EpmJobError} even though it arrives with HTTP 200.
 *
 * @example
 * ```ts
 * const done = await epm.jobs.run({ path: "/interop/rest/security/v1/usergroupreport", form: { filename: "ug.csv" } });
 * done.status //=> 0
 * ```
 */
export class EpmJobs {
  readonly #ctx: EpmContext;

  constructor(context: EpmContext) {
    this.#ctx = context;
  }

  /**
   * Starts a job. Never retried, whatever the method: a retry could start a second job, and
   * the sync User Login GET writes its CSV, so a retried GET would fail on "already exists".
   *
   * @returns the first envelope (status -1 while running, 0 if it finished at once)
   * @throws ValidationError, before any request, for a path {@link checkEpmJobPath} refuses or a
   * `fileName`/`filename`/`report_name` parameter {@link checkEpmFileName} refuses;
   * {@link EpmJobError} when EPM refuses the job (status > 0), HttpError/AuthError for HTTP failures
   */
  async submit(job: EpmJobRequest, options: EpmCallOptions = {}): Promise<EpmJobStatus> {
    checkEpmJobPath(job.path);
    for (const params of [job.json, job.form, job.query]) {
      for (const key of FILE_NAME_KEYS) {
        if (params && Object.hasOwn(params, key)) checkEpmFileName(params[key], `EPM job parameter ${key}`);
      }
    }
    const url = new URL(this.#ctx.baseUrl + job.path);
    for (const [k, v] of Object.entries(job.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: "application/json" };
    let body: string | undefined;
    if (job.json) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(job.json);
    } else if (job.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(job.form).toString();
    }
    const method = job.method ?? "POST";
    const res = await this.#ctx.transport.request({
      method,
      url,
      service: EPM_SERVICE,
      headers,
      auth: this.#ctx.auth,
      retry: false,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const operation = job.operation ?? job.path;
    return this.#check(res.body, operation, res.url, job.failureHint);
  }

  /**
   * Waits for a submitted job: polls its "Job Status" link with waits growing from
   * pollIntervalMs to 5× that, until status 0. Bounded twice: by time (`timeoutMs`, the
   * client's jobTimeoutMs; the polls' own requests count) and by the number of polls (the
   * client's maxJobPolls), whatever the server answers.
   *
   * @returns the final envelope (status 0)
   * @throws {@link EpmJobError} on status > 0; KitError `E_EPM_FOREIGN_LINK` for a link to another
   * origin (before any request to it); PayloadError when there is no "Job Status" link or an
   * answer is not an envelope; {@link TimeoutError} past the time or the poll limit, naming the
   * time waited, the polls and the last status; KitError `E_ABORTED` when the signal aborts
   */
  async wait(
    submitted: EpmJobStatus,
    options: EpmJobWaitOptions = {},
    failureHint?: string,
  ): Promise<EpmJobStatus> {
    if (submitted.status === 0) return submitted;
    // Checked before anything else: a foreign link is refused without a request or a timer.
    let link = this.#statusLink(submitted);
    let current = submitted;
    const timeoutMs = options.timeoutMs ?? this.#ctx.jobTimeoutMs;
    const maxPolls = this.#ctx.maxJobPolls;
    const started = performance.now();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    let delay = this.#ctx.pollIntervalMs;
    let polls = 0;
    const stillRunning = (cause?: unknown) =>
      new TimeoutError(
        `Oracle EPM ${submitted.operation} was still running after ${Math.round(performance.now() - started)} ms and ${polls} status ${polls === 1 ? "poll" : "polls"} (limits: jobTimeoutMs ${timeoutMs}, maxJobPolls ${maxPolls}; last status ${current.status}): ${redactUrl(link)}. Raise jobTimeoutMs or maxJobPolls, or look at the job in the EPM Jobs console.`,
        timeoutMs,
        cause === undefined ? {} : { cause },
      );
    try {
      for (;;) {
        if (polls >= maxPolls) throw stillRunning();
        await sleep(delay, undefined, { signal });
        polls++;
        const res = await this.#ctx.transport.request({
          method: "GET",
          url: link,
          service: EPM_SERVICE,
          headers: { accept: "application/json" },
          auth: this.#ctx.auth,
          signal,
        });
        current = this.#check(res.body, submitted.operation, res.url, failureHint);
        if (current.status === 0) return current;
        if (current.links.some((l) => l.rel === "Job Status")) link = this.#statusLink(current);
        delay = Math.min(Math.round(delay * 1.5), this.#ctx.pollIntervalMs * 5);
      }
    } catch (error) {
      if (timer.signal.aborted && !options.signal?.aborted) throw stillRunning(error);
      if (options.signal?.aborted && !(error instanceof KitError && error.code === "E_ABORTED")) {
        throw new KitError("E_ABORTED", `Oracle EPM ${submitted.operation} was aborted while waiting.`, {
          cause: options.signal.reason,
        });
      }
      throw error;
    } finally {
      clearTimeout(timeout);
    }
  }

  /**
   * Submits a job and waits for it: {@link EpmJobs.submit} then {@link EpmJobs.wait}.
   *
   * @example
   * ```ts
   * await epm.jobs.run({ path: "/interop/rest/v2/reports/groupaudit",
   *   json: { fileName: "ga.csv", from_date: "2026-01-01", to_date: "2026-01-31" } });
   * ```
   */
  async run(job: EpmJobRequest, options: EpmJobWaitOptions = {}): Promise<EpmJobStatus> {
    const submitted = await this.submit(job, options);
    return this.wait(submitted, options, job.failureHint);
  }

  #check(bytes: Uint8Array, operation: string, url: string, hint?: string): EpmJobStatus {
    const envelope = readEpmEnvelope(bytes, operation, this.#ctx.transport.redactor, this.#ctx.json);
    if (envelope.status > 0) {
      throw new EpmJobError({
        operation,
        status: envelope.status,
        details: envelope.details,
        url,
        ...(hint === undefined ? {} : { hint }),
      });
    }
    return { ...envelope, operation };
  }

  #statusLink(envelope: EpmJobStatus): string {
    const link = envelope.links.find((l) => l.rel === "Job Status");
    if (!link) {
      throw new PayloadError(
        `Oracle EPM ${envelope.operation} is running (status -1) but its answer has no link with rel "Job Status" to poll. Check the API version in the path; the job may still finish in EPM.`,
      );
    }
    return sameOriginLink(link.href, this.#ctx.origin, '"Job Status" link', link.action).toString();
  }
}
