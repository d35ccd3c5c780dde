/**
 * The project's own copy of the SSDA903 code lists the episode import checks against.
 *
 * Source: Department for Education, "Children looked after return 2023 to 2024: guide" (the SSDA903 code set),
 * collection year 2023 to 2024. Transcribed by the project from the published guide, with the guide's wording
 * shortened; a new collection year's codes are a change to this file and to docs/ssda903-import.md.
 */
export const SSDA903_CODE_SET_SOURCE = {
  publisher: 'Department for Education',
  title: 'Children looked after return 2023 to 2024: guide (SSDA903 code set)',
  collectionYear: '2023-24',
} as const;

export type CodeList = Readonly<Record<string, string>>;

/** `PLACE`: the placement type, which the ledger records as `placementType`. */
export const PLACE_CODES: CodeList = {
  A3: 'Placed for adoption with parental consent with current foster carer(s)',
  A4: 'Placed for adoption with parental consent not with current foster carer(s)',
  A5: 'Placed for adoption with placement order with current foster carer(s)',
  A6: 'Placed for adoption with placement order not with current foster carer(s)',
  H5: "Semi-independent living accommodation not subject to children's homes regulations",
  K1: "Secure children's home",
  K2: "Children's home subject to Children's Homes Regulations",
  P1: 'Placed with own parent(s) or other person(s) with parental responsibility',
  P2: 'Independent living, e.g. flat, lodgings, bedsit, B&B or with friends, with or without formal support',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or health trust or other establishment providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: "All residential schools, except where dual-registered as a school and children's home",
  T0: 'All types of temporary move',
  T1: 'Temporary periods in hospital',
  T2: 'Temporary absences of the child on holiday',
  T3: 'Temporary accommodation whilst normal foster carer(s) on holiday',
  T4: 'Temporary accommodation of seven days or less, for any reason, not covered by T1 to T3',
  U1: 'Foster placement with relative(s) or friend(s): long-term fostering',
  U2: 'Foster placement with relative(s) or friend(s) who is/are also approved adopter(s): fostering for adoption or concurrent planning',
  U3: 'Foster placement with relative(s) or friend(s): not long-term, fostering for adoption or concurrent planning',
  U4: 'Foster placement with other foster carer(s): long-term fostering',
  U5: 'Foster placement with other foster carer(s) who is/are also approved adopter(s): fostering for adoption or concurrent planning',
  U6: 'Foster placement with other foster carer(s): not long-term, fostering for adoption or concurrent planning',
  Z1: 'Other placements (listed on a schedule sent to DfE)',
};

/** `RNE`: the reason a new episode started. */
export const RNE_CODES: CodeList = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement only',
  T: 'Change of both legal status and placement at the same time',
  B: 'Change of legal status and placement provider only',
  U: 'Change of placement provider only',
};

/** `LS`: the child's legal status. */
export const LS_CODES: CodeList = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  J1: 'Remanded to local authority accommodation or to youth detention accommodation',
  J2: 'Placed in local authority accommodation under the Police and Criminal Evidence Act 1984',
  J3: 'Sentenced to a youth rehabilitation order with residence or intensive fostering requirement',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under child assessment order and in local authority accommodation',
  V2: 'Single period of accommodation under section 20 (Children Act 1989)',
  V3: 'Accommodated under an agreed series of short-term breaks, individual episodes recorded',
  V4: 'Accommodated under an agreed series of short-term breaks, agreements recorded',
};

/** `CIN`: the category of need. */
export const CIN_CODES: CodeList = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental illness or disability',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
};

/** `PLACE_PROVIDER`: who provides the placement. */
export const PLACE_PROVIDER_CODES: CodeList = {
  PR0: 'Parent(s) or other person(s) with parental responsibility',
  PR1: 'Own provision by the local authority',
  PR2: 'Other local authority provision',
  PR3: 'Other public provision (e.g. a health trust or school)',
  PR4: 'Private provision',
  PR5: 'Voluntary or third sector provision',
};

/** `REC`: the reason an episode ceased; the E-codes leave care, `X1` goes on in a new episode. */
export const REC_CODES: CodeList = {
  E11: 'Adopted: application for an adoption order unopposed',
  E12: 'Adopted: consent dispensed with by the court',
  E13: 'Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment determined the child is aged 18 or over',
  E16: 'Child moved abroad',
  E17: 'Aged 18 or over and remained with current carers (including staying put)',
  E2: 'Died',
  E3: 'Care taken by another local authority',
  E41: 'Residence order, or child arrangements order naming with whom the child lives, granted',
  E45: 'Special guardianship order made to former foster carer(s) who are relative(s) or friend(s)',
  E46: 'Special guardianship order made to former foster carer(s) other than relative(s) or friend(s)',
  E47: 'Special guardianship order made to carer(s), not former foster carer(s), who are relative(s) or friend(s)',
  E48: 'Special guardianship order made to carer(s), not former foster carer(s), other than relative(s) or friend(s)',
  E4A: 'Returned home to parent(s) or other person(s) with parental responsibility as part of the care plan',
  E4B: 'Returned home to parent(s) or other person(s) with parental responsibility, not part of the care plan',
  E5: 'Moved into independent living with formalised advice or support',
  E6: 'Moved into independent living without formalised advice or support',
  E7: 'Transferred to residential care funded by adult social care services',
  E8: 'Period of being looked after ended for any other reason',
  E9: 'Sentenced to custody',
  X1: 'Episode ceases and a new episode begins on the same day, for any reason',
};

/** The code a placement ends with when it leaves what the import covers while the child's care goes on. */
export const CONTINUES_ELSEWHERE = 'X1';

export function isKnownCode(list: CodeList, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(list, code);
}
