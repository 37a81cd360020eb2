// The domain vocabulary the server and the dashboard share (`@d05/schema/domain`): enumerations
// with their labels. Pure TypeScript and zod, no Prisma runtime or Node API, so the browser
// bundle can import it.
export * from "./enums";
