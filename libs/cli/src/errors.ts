// Exit codes that scripts can branch on (README "Exit codes").
export const EXIT = {
  ok: 0,
  /** the call worked and the answer is negative: not verified, a batch with failed rows */
  negative: 1,
  /** bad usage or input the platform refused (4xx other than auth and not found) */
  usage: 2,
  /** no key, or the key may not do this (401, 403) */
  auth: 3,
  /** the object does not exist (404) */
  notFound: 4,
  /** the platform did not answer, or failed (5xx) */
  unavailable: 5
} as const

export class CliError extends Error {
  constructor (message: string, readonly exitCode: number, readonly problem?: unknown) { super(message) }
}

export function exitFor (status: number): number {
  if (status === 401 || status === 403) return EXIT.auth
  if (status === 404) return EXIT.notFound
  if (status >= 500) return EXIT.unavailable
  return EXIT.usage
}
