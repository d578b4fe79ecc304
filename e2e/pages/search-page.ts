import type { Locator, Page } from "@playwright/test";

export class SearchPage {
  readonly results: Locator;
  readonly freshness: Locator;

  constructor(private readonly page: Page) {
    this.results = page.getByTestId("search-result");
    this.freshness = page.getByTestId("search-freshness");
  }

  /** Searches from the header bar, which every page has. */
  async searchFromHeader(text: string): Promise<void> {
    const input = this.page.getByTestId("header-search");
    await input.fill(text);
    await input.press("Enter");
  }

  /** Searches from the home page's form. */
  async searchFromHome(text: string): Promise<void> {
    await this.page.goto("/");
    await this.page.getByTestId("search-input").fill(text);
    await this.page.getByTestId("search-input").press("Enter");
  }

  result(correlationId: string): Locator {
    return this.results.filter({ hasText: correlationId });
  }
}
