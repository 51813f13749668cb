import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes of DESIGN.md; clients switch on `extensions.code`, never on messages. */
export type ErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';

const httpStatus: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 };

export function hubError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatus[code];
  return new GraphQLError(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
}

/** Bad input names what is wrong: `field` is the input path (e.g. `input.minimumAge`), `row` a batch row. */
export const badInput = (message: string, where: { field?: string; row?: number | string } = {}) =>
  hubError('BAD_USER_INPUT', message, where);
export const unauthenticated = (message = 'Authentication required') => hubError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => hubError('FORBIDDEN', message);
export const notFound = (what: string, id: string) => hubError('NOT_FOUND', `${what} ${id} not found`, { id });
export const conflict = (message: string, extra: Record<string, unknown> = {}) => hubError('CONFLICT', message, extra);

const PUBLIC_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo `formatError`: errors with a public code pass as they are (minus stack traces);
 * anything else is an internal failure and, in production, loses its message so no SQL,
 * table or service name reaches a client.
 */
export function formatHubError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const { stacktrace, exception, serviceName, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    void exception;
    const keep = !production
      ? { ...extensions, ...(stacktrace ? { stacktrace } : {}), ...(serviceName ? { serviceName } : {}) }
      : extensions;
    if (PUBLIC_CODES.has(code)) {
      return { ...formatted, extensions: { ...keep, code } };
    }
    if (production) {
      return {
        message: 'Internal server error',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    return { ...formatted, extensions: { ...keep, code: 'INTERNAL_SERVER_ERROR' } };
  };
}
