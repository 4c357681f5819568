/** AWS rules report the same `Finding` as every other policy rule set. */
export type { Finding } from "../finding.js";
