import type { Viewer } from '@c2c/kernel';

export interface GatewayContext {
  /** The caller's verified bearer token, forwarded to subgraphs as it came. */
  token?: string;
  viewer: Viewer;
  requestId: string;
}
