import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATIONS = 200;

/**
 * Prometheus metrics of one gateway. Its own registry, so two gateways in one process (tests)
 * do not collide. Operation names come from clients: labels are capped so a client cannot
 * grow the series without bound.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  readonly requests = new Counter({
    name: 'c2c_gateway_requests_total',
    help: 'GraphQL HTTP requests by operation and status',
    labelNames: ['operation', 'status'],
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'c2c_gateway_request_duration_seconds',
    help: 'GraphQL request latency by operation',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly subgraphFetch = new Histogram({
    name: 'c2c_gateway_subgraph_fetch_duration_seconds',
    help: 'Latency of gateway calls to each subgraph, by outcome (ok, error, timeout)',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'c2c_gateway_errors_total',
    help: 'Errors returned to clients, by code',
    labelNames: ['code'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'c2c_gateway_' });
  }

  operationLabel(name: string | undefined | null): string {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'invalid';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }
}
