/**
 * A test bridge typed from the IPC contract: it satisfies exactly the BridgeApi the preload
 * exposes, and validates every response against the contract's schema, so a scenario that
 * drifts from the contract fails loudly instead of passing silently.
 */
import { contract, type BridgeApi, type Envelope, type MessageName, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';

export type ScenarioHandlers = {
  [N in MessageName]?: (request: RequestOf<N>) => ResponseOf<N> | Envelope<ResponseOf<N>> | Promise<ResponseOf<N> | Envelope<ResponseOf<N>>>;
};

export interface TestBridge {
  api: BridgeApi;
  calls: Array<{ name: MessageName; request: unknown }>;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean';
}

export function createTestBridge(handlers: ScenarioHandlers): TestBridge {
  const calls: TestBridge['calls'] = [];
  const api = {} as Record<MessageName, (request?: unknown) => Promise<Envelope<unknown>>>;
  for (const name of Object.keys(contract) as MessageName[]) {
    api[name] = async (request?: unknown) => {
      calls.push({ name, request });
      const parsedRequest = contract[name].request.safeParse(request);
      if (!parsedRequest.success) throw new Error(`test bridge: invalid request for ${name}`);
      const handler = handlers[name] as ((r: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'failed', message: `The scenario has no answer for ${name}.` } };
      const result = await handler(parsedRequest.data);
      const envelope = isEnvelope(result) ? result : { ok: true as const, value: result };
      if (envelope.ok) {
        const checked = contract[name].response.safeParse(envelope.value);
        if (!checked.success) throw new Error(`test bridge: scenario answer for ${name} breaks the contract: ${checked.error.message}`);
      }
      return envelope;
    };
  }
  return { api: api as unknown as BridgeApi, calls };
}
