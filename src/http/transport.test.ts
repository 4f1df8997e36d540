import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { AuthError } from "../errors/auth-error.js";
import { HttpError } from "../errors/http-error.js";
import { NetworkError, TimeoutError } from "../errors/network-error.js";
import { PayloadError } from "../errors/payload-error.js";
import { MAX_AUTH_RENEWALS, Transport } from "./transport.js";

// A real HTTP server on loopback whose behaviour each test scripts as a queue of steps.
type Step = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let base = "";
let steps: Step[] = [];
let seen: Array<{ method: string; url: string; auth: string | undefined }> = [];
const ok: Step = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
};
const status =
  (
    code: number,
    headers: Record<string, string> = {},
    body = '{"status":"FAILURE","statusMessage":"nope"}',
  ): Step =>
  (_req, res) => {
    res.writeHead(code, { "content-type": "application/json", ...headers });
    res.end(body);
  };

before(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization });
    const step = steps.shift() ?? ok;
    step(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  steps = [];
  seen = [];
});

const fast = () =>
  new Transport({ retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 2000, log: { warn() {} } });

describe("Transport", () => {
  it("retries 429 and waits at least the Retry-After the server asked for", async () => {
    steps = [status(429, { "retry-after": "0.2" }), ok];
    const t = fast();
    const started = performance.now();
    const res = await t.request({ method: "GET", url: `${base}/x`, service: "Anaplan audit" });
    assert.equal(res.status, 200);
    assert.equal(seen.length, 2);
    assert.ok(performance.now() - started >= 190, "waited for Retry-After");
    await t.close();
  });

  it("retries a burst of 5xx up to the limit, then throws HttpError with the API status", async () => {
    steps = [
      status(500),
      status(502),
      status(503),
      status(503, {}, '{"status":"FAILURE_X","statusMessage":"down"}'),
    ];
    const t = fast();
    await assert.rejects(
      t.request({ method: "GET", url: `${base}/x?limit=5`, service: "Anaplan audit" }),
      (e: unknown) => {
        assert.ok(e instanceof HttpError);
        assert.equal(e.status, 503);
        assert.equal(e.apiStatus, "FAILURE_X");
        assert.equal(e.code, "E_HTTP");
        assert.match(
          e.message,
          /^Anaplan audit request failed with status 503 Service Unavailable \(FAILURE_X: down\): GET http:\/\/127\.0\.0\.1:\d+\/x\?limit=5$/,
        );
        return true;
      },
    );
    assert.equal(seen.length, 4);
    await t.close();
  });

  it("does not retry other 4xx, nor a POST", async () => {
    steps = [status(400)];
    const t = fast();
    await assert.rejects(t.request({ method: "GET", url: `${base}/a`, service: "s" }), { status: 400 });
    steps = [status(503)];
    await assert.rejects(t.request({ method: "POST", url: `${base}/b`, service: "s", body: "{}" }), {
      status: 503,
    });
    assert.equal(seen.length, 2);
    await t.close();
  });

  it("retries a connection reset and a body cut short, then succeeds", async () => {
    steps = [
      (req) => req.socket.destroy(),
      (req, res) => {
        res.writeHead(200, { "content-length": "100" });
        res.write('{"resp');
        setImmediate(() => req.socket.destroy());
      },
      ok,
    ];
    const t = fast();
    const res = await t.request({ method: "GET", url: `${base}/x`, service: "s" });
    assert.equal(res.body.toString(), '{"ok":true}');
    assert.equal(seen.length, 3);
    await t.close();
  });

  it("turns a silent server into TimeoutError after the limit", async () => {
    steps = [() => {}, () => {}];
    const t = new Transport({ retry: { limit: 1, baseDelayMs: 1 }, timeoutMs: 150, log: { warn() {} } });
    await assert.rejects(
      t.request({ method: "GET", url: `${base}/slow`, service: "Oracle EPM" }),
      (e: unknown) => {
        assert.ok(e instanceof TimeoutError);
        assert.equal(e.code, "E_TIMEOUT");
        assert.match(e.message, /timed out after 150 ms: GET http:\/\/127\.0\.0\.1:\d+\/slow/);
        return true;
      },
    );
    await t.close();
  });

  it("makes a body afresh for every attempt when given a function", async () => {
    const bodies: string[] = [];
    steps = [
      (req) => {
        req.on("data", (c: Buffer) => bodies.push(c.toString()));
        req.on("end", () => req.socket.destroy());
      },
      (req, res) => {
        req.on("data", (c: Buffer) => bodies.push(c.toString()));
        req.on("end", () => ok(req, res));
      },
    ];
    let n = 0;
    const t = fast();
    const res = await t.request({
      method: "POST",
      url: `${base}/sign`,
      service: "s",
      retry: true,
      body: () => `payload-${++n}`,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(bodies, ["payload-1", "payload-2"]);
    await t.close();
  });

  it("reports a refused connection as NetworkError", async () => {
    const t = new Transport({ retry: { limit: 0 }, log: { warn() {} } });
    await assert.rejects(
      t.request({ method: "GET", url: "http://127.0.0.1:9/x", service: "s" }),
      (e: unknown) => {
        assert.ok(e instanceof NetworkError);
        assert.match(e.message, /ECONNREFUSED/);
        return true;
      },
    );
    await t.close();
  });

  it("asks the auth hook on 401, retries with fresh headers (boundedly), and never leaks the token", async () => {
    let token = "old-token-1234";
    let refreshes = 0;
    const t = fast();
    t.redactor.add("old-token-1234");
    t.redactor.add("new-token-5678");
    const auth = {
      headers: async () => ({ authorization: `AnaplanAuthToken ${token}` }),
      onUnauthorized: async () => {
        refreshes++;
        token = "new-token-5678";
        return true;
      },
    };
    steps = [status(401), ok];
    const res = await t.request({ method: "GET", url: `${base}/x`, service: "Anaplan audit", auth });
    assert.equal(res.status, 200);
    assert.deepEqual(
      seen.map((s) => s.auth),
      ["AnaplanAuthToken old-token-1234", "AnaplanAuthToken new-token-5678"],
    );
    // 401s after renewals are renewed again up to MAX_AUTH_RENEWALS times, then final:
    // AuthError, no loop, no secret in the message.
    steps = [
      status(401, {}, '{"status":"FAILURE_BAD_CREDENTIAL","statusMessage":"token new-token-5678 expired"}'),
      ...Array.from({ length: MAX_AUTH_RENEWALS }, () => status(401)),
    ];
    seen = [];
    await assert.rejects(
      t.request({ method: "GET", url: `${base}/y?token=new-token-5678`, service: "Anaplan audit", auth }),
      (e: unknown) => {
        assert.ok(e instanceof AuthError);
        const text = `${e.message} ${JSON.stringify(e)} ${e.stack}`;
        assert.ok(!text.includes("new-token-5678"), text);
        assert.ok(!text.includes("old-token-1234"), text);
        return true;
      },
    );
    assert.equal(seen.length, MAX_AUTH_RENEWALS + 1);
    assert.equal(refreshes, 1 + MAX_AUTH_RENEWALS);
    await t.close();
  });

  it("stops waiting when the signal aborts", async () => {
    steps = [status(503, { "retry-after": "30" })];
    const t = fast();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(
      t.request({ method: "GET", url: `${base}/x`, service: "s", signal: controller.signal }),
      { code: "E_ABORTED" },
    );
    await t.close();
  });

  it("refuses a Retry-After longer than it may wait, saying so", async () => {
    steps = [status(429, { "retry-after": "3600" })];
    const t = fast();
    await assert.rejects(
      t.request({ method: "GET", url: `${base}/x`, service: "Anaplan audit" }),
      /asked to wait 3600 s/,
    );
    assert.equal(seen.length, 1);
    await t.close();
  });
});

describe("Transport bodyInto", () => {
  it("reads a 200 body of known length into the given buffer, and a 204 or chunked one into fresh memory", async () => {
    const t = fast();
    const target = new Uint8Array(64);
    const asked: number[] = [];
    const into = (length: number) => {
      asked.push(length);
      return target;
    };
    steps.push(status(200, { "content-length": "11" }, '{"ok":true}'));
    const res = await t.request({
      method: "GET",
      url: `${base}/x`,
      service: "Anaplan audit",
      bodyInto: into,
    });
    assert.equal(res.body.toString(), '{"ok":true}');
    assert.equal(res.body.buffer, target.buffer, "a view of the given buffer");
    steps.push(status(204, {}, ""));
    steps.push((_req, res2) => {
      res2.writeHead(200); // no Content-Length: chunked
      res2.write("ab");
      res2.end("c");
    });
    const noContent = await t.request({
      method: "GET",
      url: `${base}/y`,
      service: "Anaplan audit",
      bodyInto: into,
      acceptStatus: (s) => s === 204,
    });
    assert.equal(noContent.body.length, 0);
    const chunked = await t.request({
      method: "GET",
      url: `${base}/z`,
      service: "Anaplan audit",
      bodyInto: into,
    });
    assert.equal(chunked.body.toString(), "abc");
    assert.notEqual(chunked.body.buffer, target.buffer);
    assert.deepEqual(asked, [11], "asked once, for the 200 with a Content-Length");
    await t.close();
  });

  it("retries a body cut short of its Content-Length, then fails with a NetworkError", async () => {
    const t = fast();
    const cut: Step = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      res.socket?.destroy();
    };
    steps.push(cut, cut, cut, cut);
    await assert.rejects(
      t.request({
        method: "GET",
        url: `${base}/cut`,
        service: "Anaplan audit",
        bodyInto: (n) => new Uint8Array(n),
      }),
      NetworkError,
    );
    assert.equal(seen.length, 4, "one try and three retries");
    await t.close();
  });
});

describe("Transport bounds", () => {
  it("a body dripped slower than timeoutMs allows is a deadline TimeoutError, though never silent for long", async () => {
    let timer: NodeJS.Timeout | undefined;
    steps = [
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        timer = setInterval(() => res.write(" "), 40);
        res.once("close", () => clearInterval(timer));
      },
    ];
    const t = new Transport({ retry: { limit: 0 }, timeoutMs: 250, log: { warn() {} } });
    await assert.rejects(
      t.request({ method: "GET", url: `${base}/drip`, service: "Anaplan audit" }),
      (e: unknown) => {
        assert.ok(e instanceof TimeoutError);
        assert.deepEqual([e.code, e.kind, e.timeoutMs], ["E_TIMEOUT", "deadline", 250]);
        assert.ok(e.elapsedMs! >= 240 && e.elapsedMs! < 1000, String(e.elapsedMs));
        assert.match(e.url ?? "", /\/drip$/);
        return true;
      },
    );
    clearInterval(timer);
    await t.close();
  });

  it("refuses a body over maxBodyBytes, announced or streamed, without retrying", async () => {
    const big = "x".repeat(5000);
    steps = [
      (_req, res) => {
        res.writeHead(200, { "content-length": big.length });
        res.end(big);
      },
      (_req, res) => {
        res.writeHead(200); // chunked: no Content-Length
        res.write(big);
        res.end(big);
      },
    ];
    const t = new Transport({ retry: { limit: 3, baseDelayMs: 1 }, maxBodyBytes: 4096, log: { warn() {} } });
    for (const announced of [true, false]) {
      await assert.rejects(
        t.request({ method: "GET", url: `${base}/big`, service: "Oracle EPM" }),
        (e: unknown) => {
          assert.ok(e instanceof PayloadError);
          assert.equal(e.code, "E_PAYLOAD");
          assert.deepEqual([e.bound?.name, e.bound?.limit], ["maxBodyBytes", 4096]);
          assert.ok(announced ? e.bound!.observed === 5000 : e.bound!.observed > 4096);
          assert.match(e.message, announced ? /announced as 5000 bytes/ : /of at least \d+ bytes/);
          return true;
        },
      );
    }
    assert.equal(seen.length, 2, "one request each, no retry");
    await t.close();
  });
});
