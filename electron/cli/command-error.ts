/** A failure with its exit code: 2 for what the user typed, 1 for a refusal. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
