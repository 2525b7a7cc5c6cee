// Helpers that turn a rejected promise into its error code, so tests
// assert codes, never message wording.

/** Returns the `code` of the error `promise` rejects with, or "no error". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error === undefined) return "no error";
  return (error as { code?: string }).code ?? `uncoded ${String(error)}`;
}

/** Returns the error `promise` rejects with; throws when it resolves. */
export async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (caught: unknown) => caught as Error,
  );
}
