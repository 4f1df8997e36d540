import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { homedir, hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { ValidationError } from "../errors/validation-error.js";
import type { OAuthProvider, OAuthSystem } from "./oauth-provider.js";

/**
 * One system's sign-in as stored: the provider (without its secret) and the tokens.
 *
 * @example
 * ```ts
 * const credential: StoredCredential | undefined = file.profiles.anaplan;
 * ```
 */
export interface StoredCredential {
  /** Endpoints, client id, scope (the client secret is never stored: it comes from the environment). */
  provider: Omit<OAuthProvider, "clientSecret">;
  /** The current refresh token; undefined after the server refused it (run `login` again). */
  refreshToken: string | undefined;
  /** When the refresh token was obtained, epoch ms (its chain dies if nothing refreshes it in time). */
  refreshObtainedAt: number;
  /** The cached access token, shared by processes using the same store. */
  accessToken?: string | undefined;
  /** When the cached access token expires, epoch ms. */
  expiresAt?: number | undefined;
  /** When the cached access token was obtained, epoch ms. */
  accessObtainedAt?: number | undefined;
}

/**
 * What a credential file holds.
 *
 * @example
 * ```ts
 * const file: CredentialFile = { version: 1, profiles: {} };
 * ```
 */
export interface CredentialFile {
  version: 1;
  profiles: Partial<Record<OAuthSystem, StoredCredential>>;
}

/**
 * Options of {@link CredentialStore}.
 *
 * @example
 * ```ts
 * const options: CredentialStoreOptions = { path: "/secure/credentials.json", key: process.env.EPM_AUDIT_KEY };
 * ```
 */
export interface CredentialStoreOptions {
  /** The file. @default {@link defaultCredentialsPath} */
  path?: string | undefined;
  /** A key to encrypt the file with (AES-256-GCM, scrypt-derived); from `KIT_CREDENTIALS_KEY`. @default undefined (plain JSON, mode 0600) */
  key?: string | undefined;
  /** Longest wait for another process's lock, in ms. @default 30000 */
  lockWaitMs?: number | undefined;
  /** Called at each step of a write (tests kill the process there). @default undefined */
  onStep?: ((step: "temp-written" | "renamed") => void) | undefined;
}

const LOCK_POLL_MS = 50;
/** A lock file older than this whose owner cannot be read is taken over. */
const UNREADABLE_LOCK_STALE_MS = 10_000;

/**
 * Where the credential file lives: `KIT_CREDENTIALS_FILE`, else
 * `$XDG_CONFIG_HOME/epm-audit-kit/credentials.json`, else `~/.config/epm-audit-kit/credentials.json`.
 *
 * @param env - the environment. @default process.env
 * @returns the path
 * @example
 * ```ts
 * defaultCredentialsPath({ XDG_CONFIG_HOME: "/home/ana/.config" })
 * //=> "/home/ana/.config/epm-audit-kit/credentials.json"
 * ```
 */
export function defaultCredentialsPath(env: Record<string, string | undefined> = process.env): string {
  if (env.KIT_CREDENTIALS_FILE?.trim()) return env.KIT_CREDENTIALS_FILE.trim();
  const config = env.XDG_CONFIG_HOME?.trim() || join(homedir(), ".config");
  return join(config, "epm-audit-kit", "credentials.json");
}

/**
 * The file that keeps OAuth refresh tokens between runs: readable only by the user (0600 in a
 * 0700 folder; a file others can read is refused, as ssh does), encrypted when a key is given,
 * replaced atomically (temporary file, fsync, rename) so a crash leaves the old or the new file,
 * never a half-written one, and guarded by a lock file so two processes (a sync and a report)
 * never spend the same rotating refresh token.
 *
 * @example
 * ```ts
 * const store = new CredentialStore({ key: process.env.KIT_CREDENTIALS_KEY });
 * await store.update((file) => { delete file.profiles.anaplan; });
 * ```
 */
export class CredentialStore {
  /** The file's path. */
  readonly path: string;
  readonly #key: string | undefined;
  readonly #lockWaitMs: number;
  readonly #onStep: CredentialStoreOptions["onStep"];

  /** @param options - path, encryption key, lock wait and a step hook for tests */
  constructor(options: CredentialStoreOptions = {}) {
    this.path = options.path ?? defaultCredentialsPath();
    this.#key = options.key || undefined;
    this.#lockWaitMs = options.lockWaitMs ?? 30_000;
    this.#onStep = options.onStep;
  }

  /**
   * Reads the file (an absent file is an empty store).
   *
   * @returns the profiles
   * @throws {@link ValidationError} when the file is readable by others, encrypted without a key, or damaged
   */
  async read(): Promise<CredentialFile> {
    let bytes: Buffer;
    try {
      const info = await stat(this.path);
      if ((info.mode & 0o077) !== 0) {
        throw new ValidationError(
          `The credential file ${this.path} is readable by other users; run \`chmod 600 ${this.path}\` (or delete it and log in again).`,
        );
      }
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, profiles: {} };
      throw error;
    }
    return this.#decode(bytes);
  }

  /**
   * Changes the file under the lock: reads it, lets `change` edit it, writes it back atomically.
   * What `change` returns is returned.
   *
   * @param change - edits the profiles in place (may be async; may call the network)
   * @returns what change returned
   * @throws {@link ValidationError} when another process holds the lock longer than lockWaitMs
   */
  async update<T>(change: (file: CredentialFile) => T | Promise<T>): Promise<T> {
    const release = await this.#lock();
    try {
      await this.#recover();
      const file = await this.read();
      const before = JSON.stringify(file);
      const result = await change(file);
      if (JSON.stringify(file) !== before) await this.#write(file);
      return result;
    } finally {
      await release();
    }
  }

  /**
   * A process killed after writing and syncing its temporary file but before renaming it left
   * the newest state there (a rotated refresh token the server already considers current): it is
   * moved into place. A temporary file that does not decode was cut short and is deleted.
   */
  async #recover(): Promise<void> {
    const dir = dirname(this.path);
    const prefix = `${basename(this.path)}.tmp-`;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
    const complete: Array<{ path: string; mtimeMs: number }> = [];
    for (const name of names) {
      const path = join(dir, name);
      try {
        this.#decode(await readFile(path));
        complete.push({ path, mtimeMs: (await stat(path)).mtimeMs });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await unlink(path).catch(() => undefined);
      }
    }
    complete.sort((a, b) => b.mtimeMs - a.mtimeMs);
    const [newest, ...older] = complete;
    for (const file of older) await unlink(file.path).catch(() => undefined);
    if (newest) {
      await rename(newest.path, this.path);
      await syncDir(dir);
    }
  }

  #decode(bytes: Buffer): CredentialFile {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw damaged(this.path);
    }
    const record = (value ?? {}) as Record<string, unknown>;
    if (record.encrypted === "aes-256-gcm") value = this.#decrypt(record);
    const file = value as CredentialFile;
    if (file?.version !== 1 || typeof file.profiles !== "object" || file.profiles === null) {
      throw damaged(this.path);
    }
    return file;
  }

  #decrypt(record: Record<string, unknown>): unknown {
    if (!this.#key) {
      throw new ValidationError(
        `The credential file ${this.path} is encrypted: set KIT_CREDENTIALS_KEY to the key it was written with.`,
      );
    }
    try {
      const key = scryptSync(this.#key, Buffer.from(String(record.salt), "base64"), 32);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(String(record.iv), "base64"));
      decipher.setAuthTag(Buffer.from(String(record.tag), "base64"));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(String(record.data), "base64")),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString("utf8"));
    } catch (error) {
      // A wrong key fails the GCM tag (Error "Unsupported state or unable to authenticate data"),
      // a damaged file the base64/JSON reading; the cause is dropped: it could quote key material.
      if (!(error instanceof Error)) throw error;
      throw new ValidationError(
        `The credential file ${this.path} cannot be decrypted: KIT_CREDENTIALS_KEY is not the key it was written with, or the file is damaged (delete it and log in again).`,
      );
    }
  }

  #encode(file: CredentialFile): string {
    const json = JSON.stringify(file);
    if (!this.#key) return `${json}\n`;
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", scryptSync(this.#key, salt, 32), iv);
    const data = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
    const b64 = (b: Buffer) => b.toString("base64");
    return `${JSON.stringify({ version: 1, encrypted: "aes-256-gcm", kdf: "scrypt", salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) })}\n`;
  }

  async #write(file: CredentialFile): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(this.#encode(file));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    this.#onStep?.("temp-written");
    await rename(temp, this.path);
    await syncDir(dir);
    this.#onStep?.("renamed");
  }

  async #lock(): Promise<() => Promise<void>> {
    const path = `${this.path}.lock`;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const owner = `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
    const deadline = Date.now() + this.#lockWaitMs;
    for (;;) {
      try {
        const handle = await open(path, "wx", 0o600);
        await handle.writeFile(owner);
        await handle.close();
        return async () => {
          const current = await readFile(path, "utf8").catch(() => undefined);
          if (current === owner) await unlink(path).catch(() => undefined);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      if (await isStaleLock(path)) {
        await unlink(path).catch(() => undefined);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new ValidationError(
          `The credential file ${this.path} is locked by another epm-audit-kit process for more than ${this.#lockWaitMs} ms; wait for it to finish, or delete ${path} if no such process runs.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
}

async function isStaleLock(path: string): Promise<boolean> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return false;
  try {
    const owner = JSON.parse(text) as { pid?: unknown; host?: unknown };
    if (typeof owner.pid === "number" && owner.host === hostname()) return !isAlive(owner.pid);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > UNREADABLE_LOCK_STALE_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function damaged(path: string): ValidationError {
  return new ValidationError(
    `The credential file ${path} is not one epm-audit-kit wrote (or is damaged); delete it and run \`epm-audit-kit login\` again.`,
  );
}
