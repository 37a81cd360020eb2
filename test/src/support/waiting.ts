export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it holds (a check that throws counts as not yet); fails after `limitMs`.
 * A guard against hanging, not a timing: tests wait for a state, never for a number of ms.
 */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  limitMs = 60_000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(everyMs);
  }
}
