import type { Page } from "@playwright/test";

export class HomePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/");
  }

  async searchCorrelationId(correlationId: string): Promise<void> {
    const input = this.page.getByTestId("correlation-input");
    await input.fill(correlationId);
    await input.press("Enter");
  }
}
