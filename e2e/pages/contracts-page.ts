import type { Locator, Page } from "@playwright/test";

export class ContractsPage {
  readonly table: Locator;
  readonly drifts: Locator;
  readonly versions: Locator;
  readonly consumers: Locator;
  readonly producers: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("contracts-table");
    this.drifts = page.getByTestId("contract-drifts");
    this.versions = page.getByTestId("contract-versions").locator("tbody tr");
    this.consumers = page.getByTestId("contract-consumers");
    this.producers = page.getByTestId("contract-producers");
  }

  async open(): Promise<void> {
    await this.page.goto("/contracts");
  }

  link(eventType: string): Locator {
    return this.table.getByRole("link", { name: eventType, exact: true });
  }
}
