/** Where an event sits in EventStoreDB's $all: ordered by commit position, then prepare position (both uint64). */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

const HALF = 64n;
const MASK = (1n << HALF) - 1n;
/** 2^128 - 1 has 39 digits. */
const WIDTH = 39;

/**
 * The ledger's global position is one decimal string: commit * 2^64 + prepare, zero-padded to a fixed width.
 * It compares as a number (BigInt) like the PostgreSQL adapter's positions, and as a plain string too, and it
 * keeps both halves, since events written together can share a commit position.
 */
export function encodePosition({ commit, prepare }: LogPosition): string {
  if (commit < 0n || commit > MASK || prepare < 0n || prepare > MASK) throw new RangeError(`not a log position: ${commit}/${prepare}`);
  return ((commit << HALF) | prepare).toString().padStart(WIDTH, '0');
}

export function decodePosition(position: string): LogPosition {
  if (typeof position !== 'string' || !/^\d{1,39}$/.test(position)) throw new TypeError(`not a global position: ${position}`);
  const value = BigInt(position);
  if (value >> (2n * HALF) !== 0n) throw new TypeError(`not a global position: ${position}`);
  return { commit: value >> HALF, prepare: value & MASK };
}
