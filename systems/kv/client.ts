import type { ClientProtocol } from '../../sim/client.ts';
import { intact, seal } from './checksum.ts';
import type { KvMessage } from './messages.ts';

/**
 * How clients talk to the store: each operation goes to a node drawn at random (any node
 * coordinates, as with a load balancer in front of Riak or Cassandra), as a get, put or delete,
 * sealed with a checksum like every message of the store.
 */
export const kvClientProtocol: ClientProtocol<KvMessage> = {
  request(op, c) {
    const key = op.key;
    if (key === undefined) throw new Error(`kv client: operation '${op.f}' has no key`);
    const to = c.rng.pick(c.nodeIds);
    if (op.f === 'get') return { to, msg: seal({ type: 'get', reqId: c.reqId, key }) };
    if (op.f === 'put') return { to, msg: seal({ type: 'put', reqId: c.reqId, key, value: op.value }) };
    if (op.f === 'delete') return { to, msg: seal({ type: 'delete', reqId: c.reqId, key }) };
    throw new Error(`kv client: unknown operation '${op.f}' (expected get, put or delete)`);
  },

  reply(msg) {
    // A damaged reply is no reply: the client times out and records the operation as unknown.
    if (msg.type !== 'reply' || !intact(msg)) return undefined;
    const type = msg.ok ? 'ok' : 'fail';
    return msg.error === undefined ? { reqId: msg.reqId, type, value: msg.value } : { reqId: msg.reqId, type, value: msg.value, error: msg.error };
  },
};
