/**
 * The ping protocol: a node sends `ping`, the receiver answers `pong` with the same id. The id
 * carries the sender's incarnation nonce, so a late pong addressed to an earlier incarnation (one
 * that has since crashed) is never mistaken for an answer to a new ping.
 */
export type PingMessage =
  | { readonly type: 'ping'; readonly nonce: number; readonly seq: number }
  | { readonly type: 'pong'; readonly nonce: number; readonly seq: number };
