// Kaleyra's documented error bodies (seeds 000, 001 and 004), shared by the v1 and v2 simulators.
// `WA400` carries the sandbox's own list of problems in `error.payload`, where Kaleyra only says
// "Incorrect payload format".

import type { SandboxResponse } from "../route.js";

function body(
  status: number,
  code: string,
  message: string,
  error: Record<string, string>,
  data: unknown = {},
) {
  return { status, body: { code, message, data, error } } satisfies SandboxResponse;
}

export const kaleyraError = {
  /** v2 says RBC001, the v1 page RBC201. */
  auth: (code: "RBC001" | "RBC201") =>
    body(401, code, "Incorrect SID or API key.", { error: "Incorrect SID or API key." }, []),
  phoneNumber: () => {
    const message = "Phone number is not present or does not belong to the account.";
    return body(401, "WA401", message, { phone_number: message });
  },
  payload: (problems: string) => body(400, "WA400", "Refer to correct payload format", { payload: problems }),
  lowBalance: () => {
    const message = "Please check your balance, You have a low balance!";
    return body(400, "E110", message, { balance: message });
  },
  internal: () => body(500, "WA500", "Please try again later", { error: "Internal server error" }),
};
