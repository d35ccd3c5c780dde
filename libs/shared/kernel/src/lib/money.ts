/** Amounts are integer pence; these guards keep floats out of the ledger. */
export const MAX_AMOUNT_PENCE = 1_000_000_000_000;

export function isPence(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertPence(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer of pence: ${value}`);
  return value;
}

/**
 * roundHalfUp(numerator / denominator) for a non-negative denominator, exactly in integers.
 * Uses BigInt when the sum could leave the safe-integer range.
 */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0 || !Number.isSafeInteger(denominator)) throw new RangeError(`bad denominator ${denominator}`);
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const twice = 2n * n + d;
  const twiceD = 2n * d;
  // floor division that also holds for negative numerators
  let q = twice / twiceD;
  if (twice % twiceD !== 0n && twice < 0n) q -= 1n;
  return assertPence(Number(q), 'rounded amount');
}

export function sumPence(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return assertPence(total, 'sum');
}
