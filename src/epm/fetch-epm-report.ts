import type { DataFrame } from "nodejs-polars";
import { PayloadError } from "../errors/payload-error.js";
import { excerpt } from "../http/redact.js";
import type { EpmCallOptions, EpmContext } from "./epm-context.js";
import { type EpmDateRange, type ResolvedEpmDateRange, resolveEpmDateRange } from "./epm-date-range.js";
import type { EpmFiles } from "./epm-files.js";
import type { EpmJobRequest, EpmJobs } from "./epm-jobs.js";
import type { EpmReportDefinition } from "./epm-report-definitions.js";
import { epmReportFileName } from "./epm-report-file-name.js";
import { parseEpmCsv } from "./parse-epm-csv.js";
import { readEpmReportFile } from "./read-epm-report-file.js";

/**
 * Per-call options of the report methods.
 *
 * @example
 * ```ts
 * const options: EpmReportOptions = { keepFiles: true };
 * ```
 */
export interface EpmReportOptions extends EpmCallOptions {
  /** Leave the generated file in the EPM repository. @default the client's keepFiles (false) */
  keepFiles?: boolean;
}

/**
 * Runs one report end to end (internal; `epm.reports.*` call it): validate the range, generate
 * the file under a fresh name, wait for the job, find the file (top level or inbox/), download,
 * unzip if needed, parse, and delete the file unless asked to keep it.
 *
 * @returns the report frame
 */
export async function fetchEpmReport(
  ctx: EpmContext,
  jobs: EpmJobs,
  files: EpmFiles,
  def: EpmReportDefinition,
  range: EpmDateRange | undefined,
  options: EpmReportOptions = {},
): Promise<DataFrame> {
  const now = ctx.now();
  const retentionDays = ctx.retentionDays(def.name);
  const days =
    retentionDays === undefined
      ? undefined
      : resolveEpmDateRange(range, { report: def.title, retentionDays, now });
  const fileName = epmReportFileName(def.filePrefix, days, now);
  await jobs.run(jobRequest(def, days, fileName), options);
  let stored: string | undefined;
  try {
    stored = await files.find(fileName, options);
    if (stored === undefined) {
      throw new PayloadError(
        `${def.title} report finished but its file ${fileName} is not in the EPM repository listing (top level or a folder such as inbox/). Look for it with epm.files.list().`,
      );
    }
    const file = await files.download(stored, options);
    if (
      /^text\/html\b/i.test(file.contentType) ||
      /^\s*<(?:!doctype|html)\b/i.test(excerpt(file.bytes, 20))
    ) {
      throw new PayloadError(
        `${def.title} report download of ${stored} answered an HTML page (${file.contentType}) instead of the report file: a proxy or login page is in between, or the URL is not the pod's. Nothing was parsed.`,
        ctx.transport.redactor.scrub(excerpt(file.bytes)),
      );
    }
    const text = readEpmReportFile(file.bytes, file.extension, def.title, {
      maxInflatedBytes: ctx.maxInflatedBytes,
    });
    return parseEpmCsv(text, { schema: def.schema, aliases: def.aliases ?? {}, report: def.title });
  } finally {
    if (stored !== undefined && !(options.keepFiles ?? ctx.keepFiles)) await cleanUp(ctx, files, stored);
  }
}

function jobRequest(
  def: EpmReportDefinition,
  days: ResolvedEpmDateRange | undefined,
  fileName: string,
): EpmJobRequest {
  const dates = days ? { from_date: days.from, to_date: days.to } : {};
  const common = {
    path: def.path,
    operation: `${def.title} report job`,
    failureHint: `Check the dates and that the user may run it (${def.roles})`,
  };
  switch (def.kind) {
    case "json-job":
      // Oracle's parameter table says `filename`, its Java sample sends `fileName`: unverified live.
      return { ...common, json: { fileName, ...dates } };
    case "form-job":
      return { ...common, form: { filename: fileName, ...dates } };
    case "sync-get":
      return { ...common, method: "GET", query: { ...dates, report_name: fileName } };
  }
}

async function cleanUp(ctx: EpmContext, files: EpmFiles, name: string): Promise<void> {
  try {
    // No caller signal here: an aborted call still removes what it generated.
    await files.delete(name);
  } catch (error) {
    ctx.log.warn(
      `could not delete the generated report file ${name} from the EPM repository (${error instanceof Error ? error.message : String(error)}); delete it by hand or with epm.files.delete().`,
    );
  }
}
