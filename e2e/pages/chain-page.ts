import type { Locator, Page } from "@playwright/test";

export class ChainPage {
  readonly nodes: Locator;
  readonly detail: Locator;
  readonly timelineRows: Locator;
  readonly criticalRows: Locator;
  readonly liveIndicator: Locator;
  readonly deliveryGroups: Locator;
  readonly causationUnknown: Locator;

  constructor(private readonly page: Page) {
    this.nodes = page.getByTestId("event-node");
    this.detail = page.getByTestId("event-detail");
    this.timelineRows = page.getByTestId("timeline-row");
    this.criticalRows = page.locator('[data-testid="timeline-row"][data-critical="true"]');
    this.liveIndicator = page.getByTestId("live-indicator");
    this.deliveryGroups = this.detail.getByTestId("delivery-group");
    this.causationUnknown = page.getByTestId("causation-unknown");
  }

  async open(correlationId: string): Promise<void> {
    await this.page.goto(`/chains/${encodeURIComponent(correlationId)}`);
  }

  node(eventId: string): Locator {
    return this.page.locator(`[data-testid="event-node"][data-event-id="${eventId}"]`);
  }

  timelineRow(eventId: string): Locator {
    return this.page.locator(`[data-testid="timeline-row"][data-event-id="${eventId}"]`);
  }

  deadLetteredNodes(): Locator {
    return this.page.locator('[data-testid="event-node"][data-status="dead-lettered"]');
  }

  anomaly(kind: string): Locator {
    return this.page.locator(`[data-testid="anomaly"][data-kind="${kind}"]`);
  }

  /** The panel lists the first few anomalies; this lists them all. */
  async showAllAnomalies(): Promise<void> {
    await this.page.getByRole("list", { name: "Anomalies" }).waitFor();
    const more = this.page.getByRole("button", { name: /^Show all \d+ anomalies$/ });
    if (await more.isVisible()) await more.click();
  }

  /** Clicks an anomaly's sentence, which selects its first event and flags the rest. */
  async selectAnomaly(kind: string): Promise<void> {
    await this.anomaly(kind).first().getByTestId("anomaly-sentence").click();
  }
}
