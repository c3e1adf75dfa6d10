// The MIME type declared with an uploaded sample (`file_type`), guessed from the URL's extension.

const BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

const BY_HEADER = { image: "image/jpeg", video: "video/mp4", document: "application/pdf" } as const;

export function mediaTypeOf(url: string, headerType: keyof typeof BY_HEADER): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: use the text as it is
  }
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || BY_HEADER[headerType];
}
