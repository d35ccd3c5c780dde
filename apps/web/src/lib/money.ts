/**
 * The one money formatter of the web app: integer pence in, pounds out, with no floating point on the way,
 * so `formatPence(222571)` is exactly "£2,225.71" whatever the amount.
 */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`not a whole number of pence: ${pence}`);
  const sign = pence < 0 ? '-' : '';
  const magnitude = Math.abs(pence);
  const pounds = String(Math.trunc(magnitude / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const remainder = String(magnitude % 100).padStart(2, '0');
  return `${sign}£${pounds}.${remainder}`;
}

const POUNDS_PATTERN = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * What a person types as an amount of money ("£1,234.5", "820") as integer pence, or undefined when it is not
 * an amount with at most two decimal places. Digits are read as digits, never through a float.
 */
export function parsePounds(text: string): number | undefined {
  const cleaned = text.trim().replace(/^£/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const match = POUNDS_PATTERN.exec(cleaned);
  if (!match) return undefined;
  const pence = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : undefined;
}

/** Pence as a person would type them back in pounds: 82000 is "820.00". */
export function penceToPoundsInput(pence: number): string {
  return formatPence(pence).replace('£', '').replace(/,/g, '');
}
