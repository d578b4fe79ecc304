/**
 * Exception messages as real clients wrote them into dead-letter headers, recorded from a run of
 * the `stack/clients/` harness (Spring Kafka 3.3.4, Jackson 2.16, JDK 17, Kafka Connect 3.9.2);
 * `collector/real-clients.int.test.ts` checks the same against a live run.
 */
export const realFailures = {
  /** What the listener threw, as Spring's stack trace names the root cause. */
  springIllegalState: (orderId: string, quantity: number, sku: string) =>
    `Order ${orderId} cannot be reserved: warehouse "central" has no stock for ${quantity} x ${sku}`,
  jdkNumberFormat: (input: string) => `For input string: "${input}"`,
  jacksonUnrecognizedField:
    'Unrecognized field "colour" (class dev.causeway.clients.SpringRetryScenario$Order), not marked as ignorable (3 known properties: "orderId", "quantity", "sku"])',
  connectJsonConverter:
    'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.',
} as const;
