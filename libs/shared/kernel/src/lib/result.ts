export interface Rejection<Code extends string = string> {
  readonly kind: 'rejection';
  readonly code: Code;
  readonly message: string;
  readonly errors?: readonly { field: string; message: string }[];
}

export function reject<Code extends string>(code: Code, message: string, errors?: { field: string; message: string }[]): Rejection<Code> {
  return errors ? { kind: 'rejection', code, message, errors } : { kind: 'rejection', code, message };
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'rejection';
}
