// Sample-media upload: multipart `file_type` + `file` (bytes, or a public URL string) → a handle
// for `exampleMedia`. The sandbox fetches nothing; it only remembers which handles it issued.

import { errorBody, type SandboxEngine } from "../engine.js";
import { hexDigest } from "../random.js";
import type { SandboxRequest, SandboxRoute } from "../route.js";

async function multipartOf(req: SandboxRequest): Promise<FormData | undefined> {
  const type = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data/i.test(type)) return undefined;
  try {
    return await new Response(new Uint8Array(req.rawBody), { headers: { "content-type": type } }).formData();
  } catch {
    return undefined;
  }
}

export function mediaRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/upload\/media\/?$/,
      bucket: "media",
      async handle(req, { appId }) {
        const denied = engine.checkApp(req, appId!);
        if (denied) return denied;
        const form = await multipartOf(req);
        if (!form) return errorBody(400, "multipart/form-data with file_type and file is required");
        const fileType = form.get("file_type");
        const file = form.get("file");
        if (typeof fileType !== "string" || !fileType.includes("/")) {
          return errorBody(400, "file_type must be a MIME type");
        }
        if (file === null || (typeof file === "string" && !/^https?:\/\/\S+$/i.test(file.trim()))) {
          return errorBody(400, "file must be a file or a public URL");
        }
        const url = typeof file === "string" ? file.trim() : undefined;
        const digest = url ?? hexDigest(Buffer.from(await (file as Blob).arrayBuffer()).toString("latin1"));
        const handle = `4::${Buffer.from(`${appId}:${fileType}:${digest}:${engine.state.counter}`).toString("base64")}`;
        engine.state.handles.push({
          appId: appId!,
          handle,
          fileType,
          createdOn: engine.now(),
          ...(url ? { url } : {}),
        });
        engine.markDirty();
        return { status: 200, body: { handleId: { message: handle }, status: "success" } };
      },
    },
  ];
}
