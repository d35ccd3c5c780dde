import { type IsoDate, londonDate, parseInstant, reject } from '@ledger/kernel';

/** The clock of one request: the instant its events are recorded at, and that instant's Europe/London date. */
export interface RequestNow {
  recordedAt: string;
  today: IsoDate;
}

export const CLOCK_HEADER = 'x-ledger-now';

/**
 * The server's clock (spec section 9). With `honourHeader` (LEDGER_CLOCK_HEADER=true, refused in production by the
 * configuration), a request's `X-Ledger-Now` is its clock, for tests, demos and replays of history.
 */
export class Clock {
  constructor(
    private readonly honourHeader: boolean,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  now(headerValue?: string): RequestNow {
    if (!this.honourHeader || headerValue === undefined) return nowAt(this.nowMs());
    const instant = parseInstant(headerValue);
    if (instant === undefined) {
      throw reject('VALIDATION', 'X-Ledger-Now is not an ISO-8601 instant', [{ field: 'X-Ledger-Now', message: 'must be an ISO-8601 instant' }]);
    }
    // Kept as sent when it already has the stored form, so a replay records the example's string byte for byte.
    return { recordedAt: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(headerValue) ? headerValue : new Date(instant).toISOString(), today: londonDate(instant) };
  }
}

function nowAt(instantMs: number): RequestNow {
  return { recordedAt: new Date(instantMs).toISOString(), today: londonDate(instantMs) };
}
