import { describe, expect, it } from "vitest";
import { makeEvent } from "../chain/__fixtures__/events";
import { rootCause } from "../envelope/root-cause";
import { realFailures } from "./__fixtures__/real-failures";
import { deadLetterGroupKey, normaliseMessage } from "./fingerprint";

function declined(brand: string, last4: string, order: string, amount: string, attempt: number) {
  return makeEvent({
    topic: "payments.DLQ",
    dlq: {
      errorClass: "com.shop.payment.CardDeclinedException",
      errorMessage: `Card declined by issuer: do_not_honor (${brand} ending ${last4}, order ${order}, ${amount} EUR, attempt ${attempt})`,
    },
  });
}

describe("normaliseMessage", () => {
  it("removes numbers, ids, uuids and quoted values but keeps the words", () => {
    expect(
      normaliseMessage(
        "Order 4711 for customer cus_8f2a9 not found in 'eu-west-1' (request 3fa85f64-5717-4562-b3fc-2c963f66afa6)",
      ),
    ).toBe("Order <*> for customer <*> not found in <*> (<*>)");
  });

  it("keeps quoted words of a fixed message and masks quoted values", () => {
    expect(
      normaliseMessage(
        'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.',
      ),
    ).toBe(
      'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.',
    );
    expect(normaliseMessage('For input string: "2x"')).toBe("For input string: <*>");
    expect(normaliseMessage("Unexpected character 'ORDER|abc|broken'")).toBe(
      "Unexpected character <*>",
    );
  });

  it("keeps apostrophes inside words", () => {
    expect(normaliseMessage("can't reach the ledger")).toBe("can't reach the ledger");
  });

  it("gives two poison records of different content the same text", () => {
    const poison = (id: string) =>
      `Unrecognized token 'ORDER|${id}|broken': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (Unexpected token 'O', "ORDER|${id}"... is not valid JSON)\n at [Source: (byte[])"ORDER|${id}|broken"; line: 1]`;
    expect(normaliseMessage(poison("a1b2c3"))).toBe(normaliseMessage(poison("ffe0991")));
  });
});

describe("normaliseMessage on real clients' messages", () => {
  it("masks a Spring listener's ids and numbers, not its quoted warehouse", () => {
    const a = normaliseMessage(realFailures.springIllegalState("ord-1001", 2, "sku-17"));
    expect(a).toBe('Order <*> cannot be reserved: warehouse "central" has no stock for <*> x <*>');
    expect(normaliseMessage(realFailures.springIllegalState("ord-2002", 1, "sku-42"))).toBe(a);
  });

  it("masks the JDK's quoted input value", () => {
    expect(normaliseMessage(realFailures.jdkNumberFormat("2x"))).toBe("For input string: <*>");
  });

  it("keeps Jackson's quoted field name, which says which field is wrong", () => {
    expect(normaliseMessage(realFailures.jacksonUnrecognizedField)).toBe(
      'Unrecognized field "colour" (class dev.causeway.clients.SpringRetryScenario$Order), not marked as ignorable (<*>)',
    );
  });

  it("leaves Kafka Connect's fixed JsonConverter message whole", () => {
    expect(normaliseMessage(realFailures.connectJsonConverter)).toBe(
      realFailures.connectJsonConverter,
    );
  });
});

describe("rootCause", () => {
  it("follows Spring's nested exception chain to the innermost cause", () => {
    expect(
      rootCause(
        {
          errorClass: "org.springframework.kafka.listener.ListenerExecutionFailedException",
          message:
            "Listener method threw exception; nested exception is com.shop.X: outer; nested exception is java.net.SocketTimeoutException: Read timed out after 3000 ms",
        },
        null,
        null,
      ),
    ).toEqual({
      errorClass: "java.net.SocketTimeoutException",
      message: "Read timed out after 3000 ms",
    });
  });

  it("takes the last Caused by: of a Java stack trace", () => {
    const stack = [
      "org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed",
      "\tat org.springframework.kafka.Foo.bar(Foo.java:1)",
      "Caused by: com.shop.ledger.LedgerException: could not book",
      "\tat com.shop.ledger.Ledger.book(Ledger.java:9)",
      "Caused by: java.sql.SQLTransientConnectionException: pool exhausted after 30000ms",
      "\t... 12 more",
    ].join("\n");
    expect(
      rootCause(
        {
          errorClass: "org.springframework.kafka.listener.ListenerExecutionFailedException",
          message: "Listener failed",
        },
        stack,
        null,
      ),
    ).toEqual({
      errorClass: "java.sql.SQLTransientConnectionException",
      message: "pool exhausted after 30000ms",
    });
  });

  it("unwraps a .NET inner exception", () => {
    expect(
      rootCause(
        {
          errorClass: "System.AggregateException",
          message:
            "One or more errors occurred. ---> System.TimeoutException: The operation has timed out.",
        },
        null,
        null,
      ),
    ).toEqual({ errorClass: "System.TimeoutException", message: "The operation has timed out." });
  });

  it("keeps the outer cause when nothing is nested", () => {
    expect(
      rootCause({ errorClass: "A", message: "boom" }, "A: boom\n\tat x(X.java:1)", null),
    ).toEqual({ errorClass: "A", message: "boom" });
  });
});

describe("deadLetterGroupKey", () => {
  it("groups declined cards of different orders, brands and amounts together", () => {
    const a = deadLetterGroupKey(declined("VISA", "4242", "1a2b3c4d5e6f", "12.50", 2));
    const b = deadLetterGroupKey(declined("Mastercard", "5454", "99ffee001122", "130.00", 2));
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a).toMatchObject({
      errorClass: "com.shop.payment.CardDeclinedException",
      message: "Card declined by issuer: do_not_honor (<*>)",
    });
  });

  it("separates the same failure on different DLQ topics and different error classes", () => {
    const base = declined("VISA", "4242", "1a2b3c4d5e6f", "12.50", 2);
    const otherTopic = { ...base, topic: "orders.DLQ" };
    const otherClass = { ...base, dlq: base.dlq && { ...base.dlq, errorClass: "com.shop.Other" } };
    const keys = [base, otherTopic, otherClass].map((e) => deadLetterGroupKey(e)?.fingerprint);
    expect(new Set(keys).size).toBe(3);
  });

  it("groups by the root cause found in the stack trace header", () => {
    const wrapped = (detail: string) =>
      makeEvent({
        topic: "ledger-dlt",
        headers: {
          "kafka_dlt-exception-stacktrace": `x.Wrapper: failed\nCaused by: java.io.IOException: disk ${detail} full`,
        },
        dlq: { errorClass: "x.Wrapper", errorMessage: `failed on record ${detail}` },
      });
    const key = deadLetterGroupKey(wrapped("7"));
    expect(key).toMatchObject({ errorClass: "java.io.IOException", message: "disk <*> full" });
    expect(deadLetterGroupKey(wrapped("8"))?.fingerprint).toBe(key?.fingerprint);
  });

  it("is null for a record that is not a dead letter", () => {
    expect(deadLetterGroupKey(makeEvent({ topic: "orders" }))).toBeNull();
  });
});
