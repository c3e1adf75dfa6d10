// The least an HTTP client can be: node:http with keep-alive, GET, read the body, JSON.parse.
// Used by the floor and the per-template baseline, so neither pays for anything waform does not
// need (no retries, no timeouts beyond the socket's, no redaction).

import http from "node:http";

export function createClient(baseUrl, { maxSockets = 64 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  return {
    getJson(path, headers) {
      return new Promise((resolve, reject) => {
        const req = http.get(
          {
            host: base.hostname,
            port: base.port,
            path,
            headers: { accept: "application/json", ...headers },
            agent,
          },
          (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => {
              const text = Buffer.concat(chunks).toString("utf8");
              if (res.statusCode !== 200) reject(new Error(`GET ${path.split("?")[0]} -> ${res.statusCode}`));
              else resolve(JSON.parse(text));
            });
            res.on("error", reject);
          },
        );
        req.on("error", reject);
      });
    },
    close: () => agent.destroy(),
  };
}

/** The app token (legacy chain, reference §1.1), as waform fetches it. */
export async function appToken(client, appId, partnerToken) {
  const body = await client.getJson(`/partner/app/${encodeURIComponent(appId)}/token`, {
    authorization: partnerToken,
  });
  return body.token.token;
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function eachLimited(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
