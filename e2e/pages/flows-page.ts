import type { Locator, Page } from "@playwright/test";

export class FlowsPage {
  readonly graph: Locator;

  constructor(private readonly page: Page) {
    this.graph = page.getByTestId("flow-graph");
  }

  async open(): Promise<void> {
    await this.page.goto("/flows");
  }

  node(eventType: string): Locator {
    return this.page.getByTestId("flow-node").filter({ hasText: eventType });
  }

  edgeRow(from: string, to: string): Locator {
    return this.page.locator(`[data-testid="flow-edge-row"][data-from="${from}"][data-to="${to}"]`);
  }
}
