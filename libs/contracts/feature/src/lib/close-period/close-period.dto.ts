/** ClosePeriod (spec section 9): the period is in the path; the body is `{}` or absent. */
export class ClosePeriodDto {}
