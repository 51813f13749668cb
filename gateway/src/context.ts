import type { Viewer } from '@c2c/kernel';

/** What the request log and metrics learn while a request runs (filled by the Apollo plugin). */
export interface Observed {
  operation?: string;
  codes: string[];
}

export interface GatewayContext {
  /** The caller's verified bearer token, forwarded to subgraphs as it came. */
  token?: string;
  viewer: Viewer;
  requestId: string;
  observed?: Observed;
}
