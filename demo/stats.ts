/** Running totals of what the shop did, for a periodic summary instead of a log line per event. */
export interface ShopCounts {
  ordersPlaced: Record<string, number>;
  eventsPublished: Record<string, number>;
  retriesScheduled: number;
  deadLettered: Record<string, number>;
}

export class ShopStats {
  private readonly counts: ShopCounts = {
    ordersPlaced: {},
    eventsPublished: {},
    retriesScheduled: 0,
    deadLettered: {},
  };

  orderPlaced(outcome: string): void {
    increment(this.counts.ordersPlaced, outcome);
  }

  eventPublished(eventType: string): void {
    increment(this.counts.eventsPublished, eventType);
  }

  retryScheduled(): void {
    this.counts.retriesScheduled += 1;
  }

  deadLettered(topic: string): void {
    increment(this.counts.deadLettered, topic);
  }

  snapshot(): ShopCounts {
    return structuredClone(this.counts);
  }
}

function increment(counts: Record<string, number>, name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}
