// Analytics fields answer with their result or a typed error (InputError, NotFoundError): a
// union told apart by __typename. Every screen wants one of the two.

/** Splits an answer into its result (the member named `typename`) or its error's message. */
export function unwrap<
  Answer extends { __typename: string; message?: string },
  Typename extends Answer["__typename"],
>(
  answer: Answer | null | undefined,
  typename: Typename,
): { value?: Extract<Answer, { __typename: Typename }>; problem?: string } {
  if (!answer) return {};
  if (answer.__typename === typename) {
    return { value: answer as Extract<Answer, { __typename: Typename }> };
  }
  return { problem: answer.message };
}
