// A pass-through HTTP proxy in front of the sandbox that remembers every request header and
// response body: proof that a canary really went over the wire, and really came back echoed,
// so a clean output means waform masked it, not that it never had it.

import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordingProxy {
  readonly url: string;
  /** Every request's headers, as one string each. */
  readonly sentHeaders: string[];
  /** Every response body. */
  readonly receivedBodies: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const sentHeaders: string[] = [];
  const receivedBodies: string[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    sentHeaders.push(JSON.stringify(req.headers));
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          receivedBodies.push(body.toString("utf8"));
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
        });
      },
    );
    // the sandbox drops connections on purpose (resets, lost responses): drop ours too
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sentHeaders,
    receivedBodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
