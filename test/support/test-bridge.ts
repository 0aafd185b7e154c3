/**
 * A test bridge typed from the IPC contract: it satisfies exactly the BridgeApi the preload
 * exposes, and validates every request and response against the contract's schemas, so a
 * scenario that drifts from the contract fails loudly instead of passing silently.
 */
import { contract, events, type BridgeApi, type Envelope, type EventPayload, type MessageName, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';

export interface ScenarioTools {
  /** Sends a probe progress event, as main does during a check. */
  emit: (event: EventPayload<'probeProgress'>) => void;
}

export type ScenarioHandlers = {
  [N in MessageName]?: (
    request: RequestOf<N>,
    tools: ScenarioTools,
  ) => ResponseOf<N> | Envelope<ResponseOf<N>> | Promise<ResponseOf<N> | Envelope<ResponseOf<N>>>;
};

export interface TestBridge {
  api: BridgeApi;
  calls: Array<{ name: MessageName; request: unknown }>;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean' && Object.keys(value).length === 2;
}

export function createTestBridge(handlers: ScenarioHandlers): TestBridge {
  const calls: TestBridge['calls'] = [];
  const listeners = new Set<(event: EventPayload<'probeProgress'>) => void>();
  const tools: ScenarioTools = {
    emit: (event) => {
      const checked = events.probeProgress.payload.parse(event);
      for (const listener of listeners) listener(checked);
    },
  };
  const api = {} as Record<string, unknown>;
  for (const name of Object.keys(contract) as MessageName[]) {
    api[name] = async (request?: unknown) => {
      calls.push({ name, request });
      const parsedRequest = contract[name].request.safeParse(request);
      if (!parsedRequest.success) throw new Error(`test bridge: invalid request for ${name}: ${parsedRequest.error.message}`);
      const handler = handlers[name] as ((r: unknown, t: ScenarioTools) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'failed', message: `The scenario has no answer for ${name}.` } };
      const result = await handler(parsedRequest.data, tools);
      const envelope = isEnvelope(result) ? result : { ok: true as const, value: result };
      if (envelope.ok) {
        const checked = contract[name].response.safeParse(envelope.value);
        if (!checked.success) throw new Error(`test bridge: scenario answer for ${name} breaks the contract: ${checked.error.message}`);
        return { ok: true, value: checked.data };
      }
      return envelope;
    };
  }
  api.onProbeProgress = (listener: (event: EventPayload<'probeProgress'>) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return { api: api as unknown as BridgeApi, calls };
}
