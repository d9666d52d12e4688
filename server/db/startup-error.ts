/**
 * A reason the app cannot start (or keep running) on its database that a person can fix: the
 * message says what happened and what to do, and main.ts prints it without a stack trace.
 */
export class StartupError extends Error {}
