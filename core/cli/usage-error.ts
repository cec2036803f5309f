/** The instructor's input is wrong (exit code 2): the message says what, shows the value, and says what to do next. */
export class UsageError extends Error {
  override name = 'UsageError'
}
