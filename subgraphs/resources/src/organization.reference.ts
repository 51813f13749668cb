/**
 * `_entities` for Organization: only the key is needed here (its profile lives in partners),
 * so no SQL runs until a `services` field asks for rows.
 */
export const organizationReference = {
  Organization: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
