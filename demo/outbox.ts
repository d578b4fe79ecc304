import type { Producer } from "kafkajs";
import { type Envelope, envelopeHeaders } from "./envelope";
import type { ShopStats } from "./stats";

export interface OutgoingMessage {
  key: string | null;
  value: Buffer | string | null;
  headers: Record<string, string>;
}

/** How a service writes to Kafka: new events in the envelope, or a consumed record passed on. */
export class Outbox {
  constructor(
    private readonly producer: Producer,
    readonly service: string,
    private readonly stats: ShopStats,
  ) {}

  /** The key is the order id, so every event of one order stays in one partition per topic. */
  async publish(topic: string, orderId: string, envelope: Envelope): Promise<void> {
    await this.producer.send({
      topic,
      messages: [
        {
          key: orderId,
          value: JSON.stringify(envelope),
          headers: envelopeHeaders(envelope, this.service),
        },
      ],
    });
    this.stats.eventPublished(envelope.event_type);
  }

  /** Sends a message as given: a consumed record passed on, or a deliberately broken one. */
  async send(topic: string, message: OutgoingMessage): Promise<void> {
    await this.producer.send({ topic, messages: [message] });
  }
}
