/**
 * The one module in the main process that touches `ipcMain` (lint forbids it anywhere else).
 *
 * Each message of the shared contract gets one handler. Before an implementation runs, the
 * handler checks that the message comes from our own renderer (checklist item 17: validate the
 * sender) and that the payload matches the contract's schema. Failures come back as typed error
 * envelopes; an implementation that throws is caught and reported, so nothing crashes main.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  contract,
  events,
  describeZodError,
  messageNames,
  type Envelope,
  type EventName,
  type EventPayload,
  type IpcError,
  type MessageName,
  type RequestOf,
  type ResponseOf,
} from '../shared/ipc/contract';
import { isTrustedRendererUrl } from './security';

export type Implementations = {
  [N in MessageName]: (request: RequestOf<N>) => Promise<ResponseOf<N>>;
};

export { UserFacingError } from './user-facing-error';
import { UserFacingError } from './user-facing-error';

/** The subset of an invoke event the checks need; lets tests build events without Electron. */
export type SenderInfo = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: { id: number };
};

export type SenderPolicy = (event: SenderInfo) => boolean;

/** Trust only the top frame of our own windows, loaded from our own origin. */
export function defaultSenderPolicy(trustedWebContentsIds: ReadonlySet<number>): SenderPolicy {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!trustedWebContentsIds.has(event.sender.id)) return false;
    return isTrustedRendererUrl(frame.url);
  };
}

export type Handler = (event: SenderInfo, payload: unknown) => Promise<Envelope<unknown>>;

export function createHandler<N extends MessageName>(
  name: N,
  implementation: Implementations[N],
  isTrusted: SenderPolicy,
  log: (line: string) => void = () => {},
): Handler {
  const spec = contract[name];
  return async (event, payload) => {
    if (!isTrusted(event)) {
      log(`ipc ${name}: rejected a message from an untrusted sender`);
      return fail('untrusted-sender', 'This request did not come from the Activation Doctor window.');
    }
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      return fail('invalid-request', `The request was rejected: ${describeZodError(parsed.error)}.`);
    }
    try {
      const value = await implementation(parsed.data as RequestOf<N>);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        log(`ipc ${name}: implementation returned an invalid response: ${describeZodError(checked.error)}`);
        return fail('invalid-response', 'Activation Doctor produced an answer it could not check. Please report this.');
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof UserFacingError) return fail(error.code, error.message);
      log(`ipc ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fail('failed', 'Something went wrong inside Activation Doctor. The details are in the log.');
    }
  };
}

function fail(code: IpcError['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** Registers one handler per contract message. Returns a function that removes them again. */
export function registerIpc(
  implementations: Implementations,
  isTrusted: SenderPolicy,
  log?: (line: string) => void,
): () => void {
  for (const name of messageNames) {
    const handler = createHandler(name, implementations[name] as Implementations[typeof name], isTrusted, log);
    ipcMain.handle(contract[name].channel, (event, payload: unknown) => handler(event, payload));
  }
  return () => {
    for (const name of messageNames) ipcMain.removeHandler(contract[name].channel);
  };
}

/** The one way main talks to the renderer unasked: a contract event, validated before it is sent. */
export function sendEvent<N extends EventName>(target: { send: (channel: string, payload: unknown) => void; isDestroyed: () => boolean }, name: N, payload: EventPayload<N>): void {
  const spec = events[name];
  const checked = spec.payload.safeParse(payload);
  if (!checked.success || target.isDestroyed()) return;
  target.send(spec.channel, checked.data);
}
