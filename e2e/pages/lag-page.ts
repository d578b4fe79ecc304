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

  /** uPlot's legend rows for partitions (the first legend row is the time). */
  legendPartitions(): Locator {
    return this.chart.locator(".u-legend .u-series").filter({ hasText: "partition" });
  }

  /** The x range the chart shows, from the wrapper's data-x-min/max (epoch seconds). */
  async shownRange(): Promise<{ min: number; max: number }> {
    const [min, max] = await Promise.all([
      this.chart.getAttribute("data-x-min"),
      this.chart.getAttribute("data-x-max"),
    ]);
    return { min: Number(min), max: Number(max) };
  }

  /** Drags across the middle half of the plot area to pick a time range. */
  async dragMiddle(): Promise<void> {
    const box = await this.chart.locator(".u-over").boundingBox();
    if (!box) throw new Error("chart plot area not rendered");
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * 0.25, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * 0.75, y, { steps: 5 });
    await this.page.mouse.up();
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
