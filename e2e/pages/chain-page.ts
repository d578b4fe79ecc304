import type { Locator, Page } from "@playwright/test";

export class ChainPage {
  readonly nodes: Locator;
  readonly detail: Locator;
  readonly timelineRows: Locator;

  constructor(private readonly page: Page) {
    this.nodes = page.getByTestId("event-node");
    this.detail = page.getByTestId("event-detail");
    this.timelineRows = page.getByTestId("timeline-row");
  }

  node(eventId: string): Locator {
    return this.page.locator(`[data-testid="event-node"][data-event-id="${eventId}"]`);
  }

  deadLetteredNodes(): Locator {
    return this.page.locator('[data-testid="event-node"][data-status="dead-lettered"]');
  }
}
