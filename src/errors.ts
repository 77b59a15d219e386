/** The message of anything thrown, for errors that name what failed and why. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
