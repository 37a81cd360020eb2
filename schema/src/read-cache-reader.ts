// The read cache as one reader sees it: its own writes show in its next reads.
import type { ReadCache, Reads } from "./read-cache";

/**
 * The cache as one reader reads it (ReadCache.forReader): one per request, so its methods are the
 * class's rather than closures made each time.
 */
export class ReaderReads implements Reads {
  constructor(
    private readonly cache: ReadCache,
    private readonly reader: number,
    private readonly afterChange: boolean,
  ) {}
  answer<T>(
    rootId: number,
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (answer: T) => number,
  ): Promise<T> {
    return this.cache.answer(rootId, question, compute, rowsOf, this.reader, this.afterChange);
  }
  unitTreeFact<T>(
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (fact: T) => number,
  ): Promise<T> {
    return this.cache.unitTreeFact(question, compute, rowsOf);
  }
  targetFact<T>(
    question: string,
    compute: () => Promise<T>,
    rowsOf?: (fact: T) => number,
  ): Promise<T> {
    return this.cache.targetFact(question, compute, rowsOf);
  }
  accountFact<T>(userId: number, compute: () => Promise<T>): Promise<T> {
    return this.cache.accountFact(userId, compute);
  }
  invalidateAll(): void {
    this.cache.invalidateAll();
  }
}
