export * from "./app.js";
export * from "./clock.js";
export * from "./diagnostic.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./listing.js";
export * from "./status.js";
export * from "./template.js";
