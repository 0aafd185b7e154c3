/**
 * The preload: the one module that touches `ipcRenderer` (lint forbids it anywhere else).
 *
 * It exposes `window.activationDoctor` with exactly one method per contract message; each
 * method is bound to its own fixed channel, validates its request before sending and the
 * reply before handing it to the page. The page never sees `ipcRenderer` or a channel name.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { contract, describeZodError, envelopeSchema, events, messageNames, type BridgeApi, type Envelope, type EventPayload, type MessageName } from '../../shared/ipc/contract';

function bridgeMethod(name: MessageName) {
  const spec = contract[name];
  const reply = envelopeSchema(spec.response);
  return async (request?: unknown): Promise<Envelope<unknown>> => {
    const parsedRequest = spec.request.safeParse(request);
    if (!parsedRequest.success) {
      return { ok: false, error: { code: 'invalid-request', message: `The request was rejected: ${describeZodError(parsedRequest.error)}.` } };
    }
    const raw: unknown = await ipcRenderer.invoke(spec.channel, parsedRequest.data);
    const parsedReply = reply.safeParse(raw);
    if (!parsedReply.success) {
      return { ok: false, error: { code: 'invalid-response', message: 'The answer from Activation Doctor was malformed. Please report this.' } };
    }
    return parsedReply.data as Envelope<unknown>;
  };
}

/** Progress from main: validated before the page sees it; the listener never gets the IPC event object. */
function onProbeProgress(listener: (event: EventPayload<'probeProgress'>) => void): () => void {
  const handler = (_event: unknown, payload: unknown) => {
    const parsed = events.probeProgress.payload.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  };
  ipcRenderer.on(events.probeProgress.channel, handler);
  return () => {
    ipcRenderer.removeListener(events.probeProgress.channel, handler);
  };
}

const api = { ...Object.fromEntries(messageNames.map((name) => [name, bridgeMethod(name)])), onProbeProgress } as unknown as BridgeApi;

contextBridge.exposeInMainWorld('activationDoctor', Object.freeze(api));
