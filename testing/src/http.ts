/** Raw HTTP: exact status, headers and body, with the body parsed as JSON when it is JSON. */
export async function http(url: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A JSON POST; a string body is sent as it is (for malformed-body tests). */
export const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  http(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A GraphQL request over HTTP, with an optional bearer token. */
export const gql = (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) =>
  post(url, { query, variables }, token ? bearer(token) : {});
