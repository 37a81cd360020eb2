// The domain vocabulary the server and the dashboard share (`@d05/schema/domain`): enumerations
// with their labels, the input rules (zod) and their messages in Vietnamese and English. Pure
// TypeScript and zod, no Prisma runtime or Node API, so the browser bundle can import it.
export * from "./enums";
export * from "./measures";
export * from "./messages";
export * from "./protocol";
export * from "./rules";
