/** `_entities` for Organization: the key is all this subgraph knows, so no SQL is needed. */
export const organizationReference = {
  Organization: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
