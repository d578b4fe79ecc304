import type { Locator, Page } from "@playwright/test";

export class ComparePage {
  readonly differences: Locator;
  readonly steps: Locator;

  constructor(private readonly page: Page) {
    this.differences = page.getByTestId("differences");
    this.steps = page.getByTestId("compare-steps");
  }

  async open(a: string, b: string): Promise<void> {
    await this.page.goto(`/compare?${new URLSearchParams({ a, b })}`);
  }
}
