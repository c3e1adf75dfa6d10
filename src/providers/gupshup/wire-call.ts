// One call whose JSON answer is read by a mapping parser: a WireShapeError from the parser becomes
// a RemoteError naming the call.

import { malformedResponse } from "./errors.js";
import type { HttpCall, Transport } from "./http.js";
import { WireShapeError } from "./wire-values.js";

export async function jsonOrShapeError<T>(
  transport: Transport,
  call: HttpCall,
  parse: (body: unknown) => T,
): Promise<T> {
  const body = await transport.json(call);
  try {
    return parse(body);
  } catch (err) {
    if (err instanceof WireShapeError) {
      const problem = body === undefined ? "the body is empty" : err.message;
      throw malformedResponse({ method: call.method, path: call.path }, 200, problem);
    }
    throw err;
  }
}
