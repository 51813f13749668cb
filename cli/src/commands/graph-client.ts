/** A minimal GraphQL client for data commands: they talk to the hub only through the graph. */
export async function graphRequest(url: string, token: string | undefined, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  let body: any;
  try {
    body = await res.json();
  } catch {
    throw new Error(`${url} answered HTTP ${res.status} without a GraphQL response`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e.extensions?.code ?? 'ERROR'}${e.extensions?.field ? ` (${e.extensions.field})` : ''}: ${e.message}`);
  }
  return body.data;
}
