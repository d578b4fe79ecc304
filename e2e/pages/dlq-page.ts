import type { Locator, Page } from "@playwright/test";

export class DlqPage {
  readonly groups: Locator;
  readonly replayDialog: Locator;

  constructor(private readonly page: Page) {
    this.groups = page.getByTestId("dlq-group");
    this.replayDialog = page.getByTestId("replay-dialog");
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(`/dlq${query}`);
  }

  group(fingerprint: string): Locator {
    return this.page.locator(`[data-testid="dlq-group"][data-fingerprint="${fingerprint}"]`);
  }

  record(recordId: string): Locator {
    return this.page.locator(`[data-testid="dlq-record"][data-record-id="${recordId}"]`);
  }

  async openRecords(fingerprint: string): Promise<void> {
    await this.group(fingerprint).getByTestId("group-toggle").click();
  }

  /** Fills the replay dialog, with `edit` applied to the pretty-printed value, and runs the dry run. */
  async dryRun(reason: string, edit: (value: string) => string): Promise<void> {
    const dialog = this.replayDialog;
    await dialog.getByTestId("replay-plan").waitFor();
    await dialog.getByTestId("replay-reason").fill(reason);
    await dialog.getByTestId("replay-edit-toggle").check();
    const value = dialog.getByTestId("replay-value");
    await value.fill(edit(await value.inputValue()));
    await dialog.getByTestId("replay-dry-run").click();
  }
}
