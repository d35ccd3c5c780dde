/** VerifyClaim (spec section 9): the path says it all; the body is `{}` or absent. */
export class VerifyClaimDto {}
