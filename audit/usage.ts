/** A bad command-line argument: the CLI prints it with the usage and exits 2, before any AWS call. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
