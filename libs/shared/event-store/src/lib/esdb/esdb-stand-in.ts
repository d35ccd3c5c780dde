import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { GossipService, type IGossipServer } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { ServerFeaturesService, type IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';

/**
 * An in-memory EventStoreDB for tests, served over real gRPC on the service definitions the client ships, so the
 * adapter runs through the client's own serialisation, streaming and error unpacking. It implements what the
 * client calls for the ledger: server features, append, batch append, reading a stream or $all, and catch-up
 * subscriptions to $all with stream-name or event-type filters, and gossip naming itself the leader of a one-node
 * cluster (for `esdb+discover://` and several-host connection strings). Like EventStoreDB, it honours a replayed append
 * only when its ids repeat the events right after the expected revision (or the last events, for `any`).
 */
export interface EsdbStandInOptions {
  /** Advertise batch append (the client then prefers it); false makes the client use the older append call. */
  batchAppend?: boolean;
  /** The log position of the first record, to exercise positions beyond 2^53 or with differing widths. */
  firstLogPosition?: bigint;
}

export interface EsdbStandIn {
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  /** Events appended so far, system ones included. */
  eventCount(): number;
  stop(): Promise<void>;
}

interface Proposal {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

interface Stored extends Proposal {
  streamName: string;
  revision: number;
  commit: bigint;
  prepare: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  created: string;
}

type Expected = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'exists' } | { kind: 'revision'; revision: number };

type AppendOutcome = { ok: true; revision: number; commit: bigint; prepare: bigint } | { ok: false; current: number | undefined };

const STREAMS_SERVICE = 'event_store.client.streams.streams';
const COMMIT_RECORD_SIZE = 64n;
const PREPARE_OVERHEAD = 96n;

class Log {
  readonly all: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private nextPosition: bigint;
  private readonly waiters = new Set<() => void>();

  constructor(firstLogPosition: bigint) {
    this.nextPosition = firstLogPosition;
  }

  /** Resolves at the next append (or at once when the log already grew past `seen`). */
  changed(seen: number): Promise<void> {
    if (this.all.length > seen) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  wakeAll(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  append(streamName: string, expected: Expected, proposals: Proposal[]): AppendOutcome {
    const events = this.streams.get(streamName) ?? [];
    const current = events.length - 1;
    const replayFrom = (from: number): AppendOutcome | undefined => {
      if (proposals.length === 0 || from < 0 || from + proposals.length - 1 > current) return undefined;
      if (!proposals.every((proposal, index) => events[from + index].id === proposal.id)) return undefined;
      const last = events[from + proposals.length - 1];
      return { ok: true, revision: last.revision, commit: last.commit, prepare: last.prepare };
    };
    const refused: AppendOutcome = { ok: false, current: current < 0 ? undefined : current };
    switch (expected.kind) {
      case 'any':
        return replayFrom(current - proposals.length + 1) ?? this.write(streamName, events, proposals);
      case 'no_stream':
        return current < 0 ? this.write(streamName, events, proposals) : (replayFrom(0) ?? refused);
      case 'exists':
        return current >= 0 ? this.write(streamName, events, proposals) : refused;
      case 'revision':
        if (expected.revision === current) return this.write(streamName, events, proposals);
        return (expected.revision < current ? replayFrom(expected.revision + 1) : undefined) ?? refused;
    }
  }

  readStream(streamName: string): Stored[] | undefined {
    return this.streams.get(streamName);
  }

  private write(streamName: string, events: Stored[], proposals: Proposal[]): AppendOutcome {
    const prepares = proposals.map((proposal) => {
      const prepare = this.nextPosition;
      this.nextPosition += PREPARE_OVERHEAD + BigInt(proposal.data.length + proposal.metadata.length + streamName.length);
      return prepare;
    });
    // One commit record ends the write: its events share its position as commit position, as in an explicit
    // transaction, so (commit, prepare) and not commit alone orders them.
    const commit = this.nextPosition;
    this.nextPosition += COMMIT_RECORD_SIZE;
    const created = (BigInt(Date.now()) * 10_000n).toString();
    for (const [index, proposal] of proposals.entries()) {
      const stored: Stored = { ...proposal, streamName, revision: events.length, commit, prepare: prepares[index], created };
      events.push(stored);
      this.all.push(stored);
    }
    this.streams.set(streamName, events);
    this.wakeAll();
    const last = events[events.length - 1];
    return { ok: true, revision: last.revision, commit, prepare: last.prepare };
  }
}

export async function startEsdbStandIn(options: EsdbStandInOptions = {}): Promise<EsdbStandIn> {
  const log = new Log(options.firstLogPosition ?? 0n);
  const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
  // A fresh EventStoreDB writes its own events first; readers of $all must step over them.
  log.append('$epoch-information', { kind: 'no_stream' }, [
    { id: randomUUID(), type: '$epoch-information', contentType: 'application/json', data: json({ epochNumber: 0 }), metadata: new Uint8Array() },
  ]);
  const live = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();
  let stopping = false;

  const streams: IStreamsServer = {
    read: (call) => {
      live.add(call);
      serveRead(log, call, () => stopping)
        .catch((error: unknown) => {
          if (!call.cancelled) call.emit('error', { code: grpc.status.INTERNAL, details: String(error) });
        })
        .finally(() => live.delete(call));
    },
    append: (call, callback) => {
      let options: AppendReq.Options | undefined;
      const proposals: Proposal[] = [];
      call.on('data', (request: AppendReq) => {
        if (request.hasOptions()) options = request.getOptions();
        const message = request.getProposedMessage();
        if (message) proposals.push(proposalOf(message));
      });
      call.on('end', () => {
        if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'append without options' });
        const streamName = nameOf(options.getStreamIdentifier());
        const expected = expectedOfAppend(options);
        const outcome = log.append(streamName, expected, proposals);
        const response = new AppendResp();
        if (outcome.ok) {
          const success = new AppendResp.Success();
          success.setCurrentRevision(String(outcome.revision));
          const position = new AppendResp.Position();
          position.setCommitPosition(outcome.commit.toString());
          position.setPreparePosition(outcome.prepare.toString());
          success.setPosition(position);
          response.setSuccess(success);
        } else {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
          else wrong.setCurrentRevision(String(outcome.current));
          if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
          else if (expected.kind === 'exists') wrong.setExpectedStreamExists(new Empty());
          else wrong.setExpectedAny(new Empty());
          response.setWrongExpectedVersion(wrong);
        }
        callback(null, response);
      });
    },
    batchAppend: (call) => {
      const pending = new Map<string, { options?: BatchAppendReq.Options; proposals: Proposal[] }>();
      call.on('data', (request: BatchAppendReq) => {
        const correlation = request.getCorrelationId()?.getString() ?? '';
        const entry = pending.get(correlation) ?? { proposals: [] };
        pending.set(correlation, entry);
        if (request.hasOptions()) entry.options = request.getOptions();
        entry.proposals.push(...request.getProposedMessagesList().map(proposalOf));
        if (!request.getIsFinal()) return;
        pending.delete(correlation);
        call.write(batchAppendResponse(log, correlation, entry.options, entry.proposals));
      });
      call.on('end', () => call.end());
    },
    delete: (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'the stand-in never deletes' }),
    tombstone: (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'the stand-in never deletes' }),
  };

  const features: IServerFeaturesServer = {
    getSupportedMethods: (_call, callback) => {
      const supported = new SupportedMethods();
      supported.setEventStoreServerVersion('24.10.0-stand-in');
      const methods = ['read', 'append', ...(options.batchAppend === false ? [] : ['batchappend'])];
      supported.setMethodsList(
        methods.map((name) => {
          const method = new SupportedMethod();
          method.setServiceName(STREAMS_SERVICE);
          method.setMethodName(name);
          return method;
        }),
      );
      callback(null, supported);
    },
  };

  const instanceId = randomUUID();
  let port = 0;
  const gossip: IGossipServer = {
    read: (_call, callback) => {
      const member = new MemberInfo();
      const id = new UUID();
      id.setString(instanceId);
      member.setInstanceId(id);
      member.setTimeStamp(String(Date.now()));
      member.setState(MemberInfo.VNodeState.LEADER);
      member.setIsAlive(true);
      const endPoint = new EndPoint();
      endPoint.setAddress('127.0.0.1');
      endPoint.setPort(port);
      member.setHttpEndPoint(endPoint);
      const cluster = new ClusterInfo();
      cluster.setMembersList([member]);
      callback(null, cluster);
    },
  };

  const server = new grpc.Server();
  server.addService(StreamsService, streams);
  server.addService(ServerFeaturesService, features);
  server.addService(GossipService, gossip);
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    eventCount: () => log.all.length,
    stop: async () => {
      stopping = true;
      log.wakeAll();
      for (const call of live) call.end();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

async function serveRead(log: Log, call: grpc.ServerWritableStream<ReadReq, ReadResp>, stopping: () => boolean): Promise<void> {
  const options = call.request.getOptions();
  if (!options) throw new Error('read without options');
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const subscribing = options.hasSubscription();
  const limit = subscribing ? Infinity : Number(options.getCount());
  const send = async (response: ReadResp) => {
    if (!call.write(response)) await new Promise((resolve) => call.once('drain', resolve));
  };
  const sendEvent = (event: Stored) => {
    const response = new ReadResp();
    response.setEvent(readEventOf(event));
    return send(response);
  };

  const stream = options.getStream();
  if (stream) {
    if (subscribing) throw new Error('the stand-in subscribes to $all only');
    const name = nameOf(stream.getStreamIdentifier());
    const events = log.readStream(name);
    if (!events) {
      const response = new ReadResp();
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(stream.getStreamIdentifier());
      response.setStreamNotFound(notFound);
      await send(response);
      call.end();
      return;
    }
    let from: number;
    if (stream.hasStart()) from = backwards ? -1 : 0;
    else if (stream.hasEnd()) from = backwards ? events.length - 1 : events.length;
    else from = Number(stream.getRevision());
    if (backwards) from = Math.min(from, events.length - 1);
    let sent = 0;
    for (let index = from; sent < limit && index >= 0 && index < events.length && !call.cancelled; index += backwards ? -1 : 1, sent++) {
      await sendEvent(events[index]);
    }
    call.end();
    return;
  }

  const all = options.getAll();
  if (!all) throw new Error('read of neither a stream nor $all');
  const matches = filterOf(options);
  const at = all.getPosition();
  const position = at ? { commit: BigInt(at.getCommitPosition()), prepare: BigInt(at.getPreparePosition()) } : undefined;

  if (!subscribing) {
    // Reads include the event at the position given; subscriptions start after it.
    let index: number;
    if (all.hasStart()) index = backwards ? -1 : 0;
    else if (all.hasEnd()) index = backwards ? log.all.length - 1 : log.all.length;
    else if (backwards) index = lastIndexAtOrBefore(log.all, position);
    else index = lastIndexAtOrBefore(log.all, position, true) + 1;
    let sent = 0;
    for (; sent < limit && index >= 0 && index < log.all.length && !call.cancelled; index += backwards ? -1 : 1) {
      if (!matches(log.all[index])) continue;
      await sendEvent(log.all[index]);
      sent++;
    }
    call.end();
    return;
  }

  const confirmation = new ReadResp();
  const confirmed = new ReadResp.SubscriptionConfirmation();
  confirmed.setSubscriptionId(randomUUID());
  confirmation.setConfirmation(confirmed);
  await send(confirmation);
  let index = all.hasEnd() ? log.all.length : all.hasStart() ? 0 : lastIndexAtOrBefore(log.all, position) + 1;
  let caughtUp = false;
  const cancelled = new Promise<void>((resolve) => call.once('cancelled', () => resolve()));
  while (!call.cancelled && !stopping()) {
    for (; index < log.all.length && !call.cancelled; index++) {
      if (matches(log.all[index])) await sendEvent(log.all[index]);
    }
    if (!caughtUp) {
      caughtUp = true;
      const response = new ReadResp();
      response.setCaughtUp(new ReadResp.CaughtUp());
      await send(response);
    }
    await Promise.race([log.changed(index), cancelled]);
  }
  if (!call.cancelled) call.end();
}

/** The index of the last event at or before a position (strictly before with `strict`), -1 when none. */
function lastIndexAtOrBefore(all: Stored[], position: { commit: bigint; prepare: bigint } | undefined, strict = false): number {
  if (!position) return -1;
  let low = 0;
  let high = all.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const event = all[middle];
    const order = event.commit === position.commit ? comparePositions(event.prepare, position.prepare) : comparePositions(event.commit, position.commit);
    if (order < 0 || (order === 0 && !strict)) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function comparePositions(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function filterOf(options: ReadReq.Options): (event: Stored) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onStream = filter.getStreamIdentifier();
  const expression = onStream ?? filter.getEventType();
  if (!expression) return () => true;
  const subject = (event: Stored) => (onStream ? event.streamName : event.type);
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (event) => prefixes.some((prefix) => subject(event).startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (event) => regex.test(subject(event));
}

function readEventOf(event: Stored): ReadResp.ReadEvent {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(event.id);
  recorded.setId(id);
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(event.streamName, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(event.revision));
  recorded.setCommitPosition(event.commit.toString());
  recorded.setPreparePosition(event.prepare.toString());
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created);
  recorded.setCustomMetadata(event.metadata);
  recorded.setData(event.data);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.commit.toString());
  return read;
}

function proposalOf(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): Proposal {
  const metadata = message.getMetadataMap();
  return {
    id: (message.getId()?.getString() ?? '').toLowerCase(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

function nameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function expectedOfAppend(options: AppendReq.Options): Expected {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'exists' };
  if (options.hasAny()) return { kind: 'any' };
  return { kind: 'revision', revision: Number(options.getRevision()) };
}

function expectedOfBatch(options: BatchAppendReq.Options): Expected {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'exists' };
  if (options.hasAny()) return { kind: 'any' };
  return { kind: 'revision', revision: Number(options.getStreamPosition()) };
}

function batchAppendResponse(log: Log, correlation: string, options: BatchAppendReq.Options | undefined, proposals: Proposal[]): BatchAppendResp {
  const response = new BatchAppendResp();
  const correlationId = new UUID();
  correlationId.setString(correlation);
  response.setCorrelationId(correlationId);
  if (!options) {
    const status = new Status();
    status.setCode(Code.INVALID_ARGUMENT);
    status.setMessage('batch append without options');
    response.setError(status);
    return response;
  }
  response.setStreamIdentifier(options.getStreamIdentifier());
  const expected = expectedOfBatch(options);
  if (expected.kind === 'revision') response.setStreamPosition(String(expected.revision));
  else if (expected.kind === 'no_stream') response.setNoStream(new GoogleEmpty());
  else if (expected.kind === 'exists') response.setStreamExists(new GoogleEmpty());
  else response.setAny(new GoogleEmpty());
  const outcome = log.append(nameOf(options.getStreamIdentifier()), expected, proposals);
  if (outcome.ok) {
    const success = new BatchAppendResp.Success();
    success.setCurrentRevision(String(outcome.revision));
    const position = new AllStreamPosition();
    position.setCommitPosition(outcome.commit.toString());
    position.setPreparePosition(outcome.prepare.toString());
    success.setPosition(position);
    response.setSuccess(success);
    return response;
  }
  const wrong = new WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new GoogleEmpty());
  else wrong.setCurrentStreamRevision(String(outcome.current));
  if (expected.kind === 'revision') wrong.setExpectedStreamPosition(String(expected.revision));
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
  else if (expected.kind === 'exists') wrong.setExpectedStreamExists(new GoogleEmpty());
  else wrong.setExpectedAny(new GoogleEmpty());
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  const status = new Status();
  status.setCode(Code.FAILED_PRECONDITION);
  status.setMessage('Wrong expected version');
  status.setDetails(details);
  response.setError(status);
  return response;
}
