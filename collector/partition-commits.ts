/**
 * Commits each partition's offsets in order and only once Elasticsearch has acknowledged every
 * record before them, while the consumer already fetches and decodes what comes next. An entry
 * waits for the entries of its partition before it; a failed commit does not hold back later
 * ones (a later offset covers it), but an unacknowledged write does, for good: the partition's
 * records after it must be read again, which the caller arranges.
 */
export class PartitionCommits {
  private readonly chains = new Map<string, Promise<boolean>>();

  constructor(
    private readonly onCommitError: (error: unknown) => void,
    private readonly onWriteLost: (key: string, error: unknown) => void,
  ) {}

  /**
   * After the partition's earlier entries: once `acknowledged` resolves true, runs `commit`.
   * `acknowledged` resolving false (shutdown gave up) or rejecting stops the partition's commits.
   */
  add(key: string, acknowledged: Promise<boolean>, commit: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve(true);
    const next = previous.then(async (earlierAcknowledged) => {
      if (!earlierAcknowledged) return false;
      try {
        if (!(await acknowledged)) return false;
      } catch (error) {
        this.onWriteLost(key, error);
        return false;
      }
      await commit().catch(this.onCommitError);
      return true;
    });
    this.chains.set(key, next);
  }

  /** Waits for every entry added so far, then forgets them: a new assignment starts clean. */
  async drain(): Promise<void> {
    const chains = [...this.chains.values()];
    await Promise.all(chains);
    for (const [key, chain] of this.chains) if (chains.includes(chain)) this.chains.delete(key);
  }
}
