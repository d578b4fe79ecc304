import type { Locator, Page } from "@playwright/test";

export class LagPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/lag");
  }

  row(group: string, topic: string): Locator {
    return this.page.locator(
      `[data-testid="lag-row"][data-group="${group}"][data-topic="${topic}"]`,
    );
  }

  status(row: Locator): Locator {
    return row.getByTestId("lag-status");
  }
}

export class GroupLagPage {
  readonly chart: Locator;
  readonly partitionRows: Locator;
  readonly problemPartitions: Locator;

  constructor(private readonly page: Page) {
    this.chart = page.getByTestId("lag-chart").first();
    this.partitionRows = page.getByTestId("partition-row");
    this.problemPartitions = page.locator('[data-testid="partition-row"][data-problem="true"]');
  }

  async showSeconds(): Promise<void> {
    await this.page.getByRole("button", { name: "seconds" }).first().click();
  }

  range(preset: string): Locator {
    return this.page
      .getByRole("navigation", { name: "time range" })
      .getByRole("link", { name: preset });
  }
}
