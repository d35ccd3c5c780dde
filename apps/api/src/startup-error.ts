/** A start-up failure the operator can fix; its message says how, and no stack trace is needed. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
