import { addDays, maxDate, minDate, type IsoDate } from '@ledger/kernel';
import { placementTypeOn, type ContractEvent, type ContractEventData, type PlacementType, type Ssda903Details } from '@ledger/contracts-model';
import { CONTINUES_ELSEWHERE } from './code-lists';
import { compareText, placementIdFor, readEpisodes, type Episode, type ImportIssue } from './episodes';
import type { ExistingPlacement } from './existing-placements';

export interface ImportContract {
  contractId: string;
  startDate: IsoDate;
  endDate: IsoDate;
  terminatedOn?: IsoDate;
}

export interface Ssda903ImportRequest {
  csvText: string;
  contract: ImportContract;
  /** The contract's placements as they stand (see `placementsFromEvents`). */
  existing: readonly ExistingPlacement[];
  la?: string;
  urns?: readonly string[];
  skipInvalid: boolean;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export type PlacementImportEvent = Extract<ContractEvent, { type: 'PlacementStarted' | 'PlacementChanged' | 'PlacementEnded' | 'PlacementDatesCorrected' }>;

export interface Ssda903ImportSummary {
  rowsRead: number;
  /** Rows of the selected authority (all rows without `la`). */
  rowsSelected: number;
  /** Older copies of an episode that a later return repeats. */
  rowsSuperseded: number;
  /** Distinct rows with a problem: skipped with `skipInvalid`, else the reason nothing is imported. */
  invalidRows: number;
  episodesImported: number;
  /** Episodes that end on or before the contract's start, or start after its last covered day. */
  episodesOutsideContract: number;
  /** Chains of episodes, each one placement. */
  placements: number;
  /** New chains on a terminated contract, which takes no new placements. */
  placementsNotStarted: number;
  placementsStarted: number;
  placementsEnded: number;
  placementDatesCorrected: number;
  placementTypeChanges: number;
  placementsUnchanged: number;
}

export interface Ssda903ImportPlan {
  /** Empty when `errors` is not. */
  events: PlacementImportEvent[];
  /** Rows left out with `skipInvalid`. */
  skipped: ImportIssue[];
  /** Why nothing is imported: a file that cannot be read, or bad rows without `skipInvalid`. */
  errors: ImportIssue[];
  summary: Ssda903ImportSummary;
}

const CORRECTION_REASON = 'SSDA903 import: episode dates as the latest return gives them';

/**
 * Plans the placement events an SSDA903 episodes file means for a contract, given the placements it already
 * holds: only the differences, so importing a file twice appends nothing the second time. Pure: the caller
 * reads the file and appends the events.
 */
export function planSsda903Import(request: Ssda903ImportRequest): Ssda903ImportPlan {
  const read = readEpisodes(request.csvText, { la: request.la, urns: request.urns }, request.onProgress);
  const summary: Ssda903ImportSummary = {
    rowsRead: read.rowsRead,
    rowsSelected: read.rowsSelected,
    rowsSuperseded: read.rowsSuperseded,
    invalidRows: 0,
    episodesImported: 0,
    episodesOutsideContract: 0,
    placements: 0,
    placementsNotStarted: 0,
    placementsStarted: 0,
    placementsEnded: 0,
    placementDatesCorrected: 0,
    placementTypeChanges: 0,
    placementsUnchanged: 0,
  };
  if (read.fileErrors.length > 0) return { events: [], skipped: [], errors: read.fileErrors, summary };

  // Episodes the contract does not cover are left out first: the ledger will never hold them, so judging later
  // returns against them would depend on which return brought them.
  const dayAfter = dayAfterCover(request.contract);
  const covered = read.episodes.filter((episode) => (episode.dec === null || episode.dec > request.contract.startDate) && episode.decom < dayAfter);
  summary.episodesOutsideContract = read.episodes.length - covered.length;
  const byChild = new Map<string, Episode[]>();
  for (const episode of covered) byChild.set(episode.child, [...(byChild.get(episode.child) ?? []), episode]);
  const existingByChild = new Map<string, ExistingPlacement[]>();
  for (const placement of request.existing) {
    existingByChild.set(placement.childRef, [...(existingByChild.get(placement.childRef) ?? []), placement]);
  }

  const overlaps: ImportIssue[] = [];
  const desired: DesiredPlacement[] = [];
  for (const [child, episodes] of byChild) {
    const planned = planChild(child, episodes, existingByChild.get(child) ?? [], request.contract);
    overlaps.push(...planned.overlaps);
    desired.push(...planned.desired);
    summary.episodesImported += planned.episodesImported;
  }

  const issues = [...read.rowIssues, ...overlaps].sort((a, b) => a.line - b.line);
  summary.invalidRows = new Set(issues.map((issue) => issue.line)).size;
  if (issues.length > 0 && !request.skipInvalid) {
    return { events: [], skipped: [], errors: issues, summary: { ...summary, episodesImported: 0 } };
  }

  const existingById = new Map(request.existing.filter((placement) => placement.ssda903).map((placement) => [placement.placementId, placement]));
  const shrinks: PlacementImportEvent[] = [];
  const grows: PlacementImportEvent[] = [];
  const starts: PlacementImportEvent[] = [];
  const changes: PlacementImportEvent[] = [];
  desired.sort((a, b) => compareText(a.placementId, b.placementId));
  summary.placements = desired.length;
  for (const placement of desired) {
    const before = existingById.get(placement.placementId);
    if (!before) {
      if (request.contract.terminatedOn !== undefined) {
        summary.placementsNotStarted += 1;
        continue;
      }
      starts.push(startEvent(placement));
      summary.placementsStarted += 1;
      const typeChanges = placement.segments.slice(1).map((segment) => changeEvent(placement.placementId, segment.from, segment.placementType));
      changes.push(...typeChanges);
      summary.placementTypeChanges += typeChanges.length;
      continue;
    }
    const dates = datesEvent(before, placement);
    if (dates) {
      (dates.shrinks ? shrinks : grows).push(dates.event);
      if (dates.event.type === 'PlacementEnded') summary.placementsEnded += 1;
      else summary.placementDatesCorrected += 1;
    }
    const typeChanges = typeChangeEvents(before, placement);
    changes.push(...typeChanges);
    summary.placementTypeChanges += typeChanges.length;
    if (!dates && typeChanges.length === 0) summary.placementsUnchanged += 1;
  }

  // Shrinking first frees the days that growing and new placements take, so no event overlaps another placement.
  const events = [...shrinks, ...grows, ...starts, ...changes];
  return { events, skipped: request.skipInvalid ? issues : [], errors: [], summary };
}

/** An episode of the file, or a stretch of an existing placement standing in for the episodes it came from. */
interface Stretch {
  decom: IsoDate;
  dec: IsoDate | null;
  rec: string | null;
  place: PlacementType;
  details: Omit<Ssda903Details, 'decom'>;
  /** The file line, for episodes of the file. */
  line?: number;
  /** The existing placement and the position of the stretch in it. */
  origin?: { placementId: string; index: number };
}

/**
 * Existing placements recorded by an import, cut at their type changes. A type change is an episode start the
 * ledger kept; an episode that did not change the type left no trace, which is why a file episode inside a
 * stretch of the same type is read as that stretch going on, not as an overlap.
 */
function stretchesOf(placement: ExistingPlacement): Stretch[] {
  const details = { ...placement.ssda903 } as Ssda903Details;
  delete details.decom;
  const end = placement.endDate;
  const starts: { from: IsoDate; placementType: PlacementType }[] = [];
  for (const from of [placement.startDate, ...placement.changes.map((change) => change.changedOn)]) {
    if (from < placement.startDate || (end !== null && from >= end)) continue;
    const placementType = placementTypeOn(placement, from);
    if (starts[starts.length - 1]?.placementType !== placementType) starts.push({ from, placementType });
  }
  // A placement taken over by an earlier-starting chain starts before its recorded DECOM.
  const firstDecom = minDate(placement.ssda903?.decom ?? placement.startDate, placement.startDate);
  return starts.map((start, index) => {
    const next = starts[index + 1];
    return {
      decom: index === 0 ? firstDecom : start.from,
      dec: next ? next.from : end,
      rec: next ? CONTINUES_ELSEWHERE : end === null ? null : (placement.reasonCode ?? CONTINUES_ELSEWHERE),
      place: start.placementType,
      details,
      origin: { placementId: placement.placementId, index },
    };
  });
}

function overlapping(a: { decom: IsoDate; dec: IsoDate | null }, b: { decom: IsoDate; dec: IsoDate | null }): boolean {
  return (a.dec === null || b.decom < a.dec) && (b.dec === null || a.decom < b.dec);
}

interface ChildPlan {
  desired: DesiredPlacement[];
  overlaps: ImportIssue[];
  episodesImported: number;
}

/**
 * One child's placements as the file and the ledger together give them. First as if every episode, the ledger's
 * included, came in one file (so importing returns one by one gives what importing them at once gives); when that
 * would need a placement of the ledger to vanish, which no event can do, the ledger's placements stand as they are
 * and the file's overlapping episodes are the bad rows.
 */
function planChild(child: string, episodes: Episode[], existing: ExistingPlacement[], contract: ImportContract): ChildPlan {
  const managed = existing.filter((placement) => placement.ssda903);
  const attempt = (ledgerStands: boolean): ChildPlan => {
    const overlaps: ImportIssue[] = [];
    const accepted = (ledgerStands ? acceptEpisodesLedgerFirst : acceptEpisodes)(episodes, existing, overlaps, dayAfterCover(contract));
    const desired = chainsOf(accepted).flatMap((chain) => clipToContract(child, chain, contract) ?? []);
    return { desired, overlaps, episodesImported: accepted.filter((stretch) => stretch.line !== undefined).length };
  };
  const asOneFile = attempt(false);
  if (takeOverDisplaced(asOneFile.desired, managed)) return asOneFile;
  const ledgerStands = attempt(true);
  takeOverDisplaced(ledgerStands.desired, managed);
  return ledgerStands;
}

/**
 * A placement of the ledger whose episodes an earlier-starting episode of the file displaced cannot be removed,
 * so the new placement that overlaps it takes it over: its dates and types are corrected to the new chain's.
 * Says whether every displaced placement found one (or is in nobody's way).
 */
function takeOverDisplaced(desired: DesiredPlacement[], managed: ExistingPlacement[]): boolean {
  const ids = new Set(desired.map((placement) => placement.placementId));
  const taken = new Set(managed.map((placement) => placement.placementId));
  const displaced = managed.filter((placement) => !ids.has(placement.placementId)).sort((a, b) => compareText(a.startDate, b.startDate));
  for (const placement of displaced) {
    const span = { decom: placement.startDate, dec: placement.endDate };
    const inTheWay = desired.filter((candidate) => overlapping(span, { decom: candidate.startDate, dec: candidate.end?.date ?? null }));
    const successor = inTheWay.filter((candidate) => !taken.has(candidate.placementId)).sort((a, b) => compareText(a.startDate, b.startDate))[0];
    if (!successor) {
      if (inTheWay.length > 0) return false;
      continue;
    }
    successor.placementId = placement.placementId;
    taken.add(placement.placementId);
  }
  return true;
}

function stretchOfEpisode(episode: Episode): Stretch {
  return {
    decom: episode.decom,
    dec: episode.dec,
    rec: episode.rec,
    place: episode.place,
    details: { rne: episode.rne, ls: episode.ls, cin: episode.cin, placeProvider: episode.placeProvider, urn: episode.urn },
    line: episode.line,
  };
}

/**
 * The stretch of the ledger a file episode stands for: the same episode (same `DECOM`), or, when the file does not
 * hold its predecessor, a stretch of the same `PLACE` it lies in (open, or ending with it) whose unrecorded later
 * episode it is. The second comes back truncated where the file's episode takes over.
 */
function ledgerCounterpart(episode: Episode, episodes: Episode[], ledger: Stretch[], clippedEnd: IsoDate): { same?: Stretch; container?: Stretch; truncated?: Stretch } {
  const same = ledger.find((stretch) => stretch.decom === episode.decom);
  if (same) return { same };
  if (episodes.some((other) => other.dec === episode.decom && other.rec === CONTINUES_ELSEWHERE)) return {};
  const container = ledger.find(
    (stretch) =>
      stretch.place === episode.place &&
      stretch.decom < episode.decom &&
      (stretch.dec === null ? true : episode.decom < stretch.dec && (episode.dec === stretch.dec || runsOnFromClip(stretch, episode, clippedEnd))),
  );
  return container ? { container, truncated: { ...container, dec: episode.decom, rec: CONTINUES_ELSEWHERE } } : {};
}

/** A stretch the contract's end cut short (`X1` on the day after its last covered day) and an episode going on past it. */
function runsOnFromClip(stretch: Stretch, episode: Episode, clippedEnd: IsoDate): boolean {
  return stretch.rec === CONTINUES_ELSEWHERE && stretch.dec === clippedEnd && (episode.dec === null || episode.dec > clippedEnd);
}

function overlapIssue(stretch: Stretch & { line: number }): ImportIssue {
  // The message names no line or placement of the other side: the same row gets the same words whether the
  // earlier episode comes from this file or from the ledger, so re-imports list identical skipped rows.
  return {
    line: stretch.line,
    column: 'DECOM',
    code: 'OVERLAP',
    message: `the episode ${stretch.decom} to ${stretch.dec ?? 'open'} overlaps an earlier-starting episode of the child or a placement recorded by hand`,
  };
}

const byStart = (a: Stretch, b: Stretch) => compareText(a.decom, b.decom);

/**
 * The child's episodes the ledger can hold. The file's copy of an episode replaces the ledger's; then all are
 * taken in start order, each one that overlaps an episode already taken being a bad row. So of two overlapping
 * episodes the later-starting one is the bad row, whatever the order of the lines or of the returns. A stretch of
 * the ledger that loses is left out silently: its placement is taken over (see takeOverDisplaced).
 */
function acceptEpisodes(episodes: Episode[], existing: ExistingPlacement[], overlaps: ImportIssue[], clippedEnd: IsoDate): Stretch[] {
  const others = existing.filter((placement) => !placement.ssda903);
  let ledger = existing.filter((placement) => placement.ssda903).flatMap(stretchesOf);
  const fromFile: Stretch[] = [];
  for (const episode of episodes) {
    const own = stretchOfEpisode(episode);
    const { same, container, truncated } = ledgerCounterpart(episode, episodes, ledger, clippedEnd);
    if (same) own.origin = same.origin;
    ledger = ledger.filter((stretch) => stretch !== same && stretch !== container);
    if (truncated) ledger.push(truncated);
    fromFile.push(own);
  }
  const accepted: Stretch[] = [];
  for (const stretch of [...ledger, ...fromFile].sort(byStart)) {
    const clash = accepted.some((taken) => overlapping(taken, stretch));
    const manual = stretch.line !== undefined && others.some((placement) => overlapping({ decom: placement.startDate, dec: placement.endDate }, stretch));
    if (!clash && !manual) accepted.push(stretch);
    else if (stretch.line !== undefined) overlaps.push(overlapIssue({ ...stretch, line: stretch.line }));
  }
  return accepted.sort(byStart);
}

/**
 * The same, with the ledger standing as it is: its stretches are taken first, and a file episode replaces one only
 * when it overlaps nothing else.
 */
function acceptEpisodesLedgerFirst(episodes: Episode[], existing: ExistingPlacement[], overlaps: ImportIssue[], clippedEnd: IsoDate): Stretch[] {
  const others = existing.filter((placement) => !placement.ssda903);
  let accepted = existing.filter((placement) => placement.ssda903).flatMap(stretchesOf);
  for (const episode of episodes) {
    const own = stretchOfEpisode(episode);
    const ledger = accepted.filter((stretch) => stretch.line === undefined);
    const { same, container, truncated } = ledgerCounterpart(episode, episodes, ledger, clippedEnd);
    if (same) own.origin = same.origin;
    const candidate = [...accepted.filter((stretch) => stretch !== same && stretch !== container), ...(truncated ? [truncated] : [])];
    const clash = candidate.some((taken) => overlapping(taken, own));
    const manual = others.some((placement) => overlapping({ decom: placement.startDate, dec: placement.endDate }, own));
    if (clash || manual) overlaps.push(overlapIssue({ ...own, line: episode.line }));
    else accepted = [...candidate, own];
  }
  return accepted.sort(byStart);
}

/** Episodes joined by `X1` on the next one's start are one placement; a placement the ledger holds starts its own. */
function chainsOf(stretches: Stretch[]): Stretch[][] {
  const byStart = new Map(stretches.map((stretch) => [stretch.decom, stretch]));
  const continued = new Set<Stretch>();
  const next = new Map<Stretch, Stretch>();
  for (const stretch of stretches) {
    if (stretch.rec !== CONTINUES_ELSEWHERE || stretch.dec === null) continue;
    const following = byStart.get(stretch.dec);
    if (!following || following.origin?.index === 0) continue;
    next.set(stretch, following);
    continued.add(following);
  }
  const chains: Stretch[][] = [];
  for (const stretch of stretches) {
    if (continued.has(stretch)) continue;
    const chain = [stretch];
    for (let at = next.get(stretch); at; at = next.get(at)) chain.push(at);
    chains.push(chain);
  }
  return chains;
}

interface DesiredPlacement {
  placementId: string;
  childRef: string;
  startDate: IsoDate;
  end: { date: IsoDate; reasonCode: string } | null;
  /** The type from each date on; the first is from `startDate`. */
  segments: { from: IsoDate; placementType: PlacementType }[];
  ssda903: Ssda903Details;
}

/**
 * The placement a chain is within the contract: a chain straddling the start begins on it (`ssda903.decom`
 * keeps the original), one running past the last covered day ends on the day after it, as care going on outside
 * the contract (`X1`). An open chain stays open: its end is not known yet. (Episodes outside the contract never
 * get here.)
 */
/** The day after the contract's last covered day: its `endDate`, or the day before `terminatedOn`. */
function dayAfterCover(contract: ImportContract): IsoDate {
  return addDays(contract.terminatedOn !== undefined ? minDate(contract.endDate, addDays(contract.terminatedOn, -1)) : contract.endDate, 1);
}

function clipToContract(child: string, chain: Stretch[], contract: ImportContract): DesiredPlacement | undefined {
  const first = chain[0];
  const last = chain[chain.length - 1];
  const dayAfter = dayAfterCover(contract);
  // Only a placement the ledger holds can start here: one a backdated termination left outside the contract.
  if (first.decom >= dayAfter) return undefined;
  const startDate = maxDate(first.decom, contract.startDate);
  let end = last.dec === null ? null : { date: last.dec, reasonCode: last.rec ?? CONTINUES_ELSEWHERE };
  if (end && end.date > dayAfter) end = { date: dayAfter, reasonCode: CONTINUES_ELSEWHERE };
  const segments: DesiredPlacement['segments'] = [];
  for (const stretch of chain) {
    const from = maxDate(stretch.decom, startDate);
    if (end && from >= end.date) break;
    const previous = segments[segments.length - 1];
    if (previous && previous.from === from) previous.placementType = stretch.place;
    else if (!previous || previous.placementType !== stretch.place) segments.push({ from, placementType: stretch.place });
  }
  const collapsed = segments.filter((segment, index) => index === 0 || segments[index - 1].placementType !== segment.placementType);
  const placementId = first.origin?.index === 0 ? first.origin.placementId : placementIdFor(child, first.decom);
  return { placementId, childRef: child, startDate, end, segments: collapsed, ssda903: { ...first.details, decom: first.decom } };
}

function startEvent(placement: DesiredPlacement): PlacementImportEvent {
  const data: ContractEventData['PlacementStarted'] = {
    placementId: placement.placementId,
    childRef: placement.childRef,
    startDate: placement.startDate,
    placementType: placement.segments[0].placementType,
    ...(placement.end ? { endDate: placement.end.date, reasonCode: placement.end.reasonCode } : {}),
    ssda903: placement.ssda903,
  };
  return { type: 'PlacementStarted', data };
}

function changeEvent(placementId: string, changedOn: IsoDate, placementType: PlacementType): PlacementImportEvent {
  return { type: 'PlacementChanged', data: { placementId, changedOn, placementType } };
}

/** The one dates event that brings an existing placement to the chain's dates, and whether it only gives days up. */
function datesEvent(before: ExistingPlacement, after: DesiredPlacement): { event: PlacementImportEvent; shrinks: boolean } | undefined {
  const endDate = after.end?.date ?? null;
  if (before.startDate === after.startDate && before.endDate === endDate) return undefined;
  const shrinks = after.startDate >= before.startDate && (before.endDate === null || (endDate !== null && endDate <= before.endDate));
  if (before.endDate === null && before.startDate === after.startDate && after.end) {
    return { event: { type: 'PlacementEnded', data: { placementId: after.placementId, endDate: after.end.date, reasonCode: after.end.reasonCode } }, shrinks };
  }
  return {
    event: { type: 'PlacementDatesCorrected', data: { placementId: after.placementId, startDate: after.startDate, endDate, reason: CORRECTION_REASON } },
    shrinks,
  };
}

/** The changes that make the placement's type on every covered day the chain's type, and no more. */
function typeChangeEvents(before: ExistingPlacement, after: DesiredPlacement): PlacementImportEvent[] {
  const endDate = after.end?.date ?? null;
  const wanted = { placementType: after.segments[0].placementType, changes: after.segments.slice(1).map((s) => ({ changedOn: s.from, placementType: s.placementType })) };
  const days = new Set<IsoDate>([after.startDate, ...after.segments.map((segment) => segment.from)]);
  for (const change of before.changes) {
    if (change.changedOn > after.startDate && (endDate === null || change.changedOn < endDate)) days.add(change.changedOn);
  }
  let current = { placementType: before.placementType, changes: before.changes };
  const events: PlacementImportEvent[] = [];
  for (const day of [...days].sort(compareText)) {
    const type = placementTypeOn(wanted, day);
    if (placementTypeOn(current, day) === type) continue;
    events.push(changeEvent(after.placementId, day, type));
    current = {
      placementType: current.placementType,
      changes: [...current.changes.filter((change) => change.changedOn !== day), { changedOn: day, placementType: type }].sort((a, b) => compareText(a.changedOn, b.changedOn)),
    };
  }
  return events;
}
