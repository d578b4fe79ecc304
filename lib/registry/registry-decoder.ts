import { SchemaRegistry } from "@kafkajs/confluent-schema-registry";
import { confluentWireFormat } from "../envelope/bytes";
import type { SchemaRef } from "../events/event";
import { jsonSafe } from "./json-safe";
import { registryHeaders } from "./registry-http";
import { flagOfFetchError, schemaFormat, type WireDecode } from "./outcome";

export type RegistrySettings = {
  url: string;
  username: string | null;
  password: string | null;
  /** After a failed fetch, records wait this long before the registry is asked again. */
  coolDownMs?: number;
};

type Subject = { subject: string | null; version: number | null };

/** Which record part of which topic the bytes are, to tell the subjects of a shared id apart. */
export type WirePart = { topic: string; part: "key" | "value" };

/**
 * A registry gives identical schemas one id, so an id can stand under several subjects. The
 * record's own is the topic's (`orders-value`, TopicNameStrategy), else one named after the
 * topic and record (`orders-shop.OrderPlaced`), else the first the registry lists.
 */
export function subjectFor(candidates: readonly Subject[], where: WirePart | undefined): Subject {
  const own =
    where &&
    (candidates.find((c) => c.subject === `${where.topic}-${where.part}`) ??
      candidates.find((c) => isTopicRecordSubject(c.subject, where.topic)));
  return own ?? candidates[0] ?? { subject: null, version: null };
}

/**
 * `<topic>-<record name>` (TopicRecordNameStrategy), not another topic's or part's
 * `<topic>-key` / `<topic>-value`: `orders-archive-value` belongs to `orders-archive`.
 */
function isTopicRecordSubject(subject: string | null, topic: string): boolean {
  return (
    subject !== null &&
    subject.startsWith(`${topic}-`) &&
    !subject.endsWith("-key") &&
    !subject.endsWith("-value")
  );
}

/**
 * Decodes Confluent wire-format bytes with the schema the registry holds for their id. Schemas
 * are fetched once and cached by the library; a registry that fails is not asked again for
 * `coolDownMs`, so a registry outage costs one request per cool-down, not one per record.
 */
export class RegistryDecoder {
  private readonly registry: SchemaRegistry;
  private readonly subjects = new Map<number, Promise<Subject[]>>();
  private readonly unknownUntil = new Map<number, number>();
  private downUntil = 0;
  private readonly coolDownMs: number;

  constructor(private readonly settings: RegistrySettings) {
    this.coolDownMs = settings.coolDownMs ?? 2_000;
    this.registry = new SchemaRegistry({
      host: settings.url,
      ...(settings.username === null
        ? {}
        : { auth: { username: settings.username, password: settings.password ?? "" } }),
      // Records wait for this: fail fast and flag, the retry job reads them again later.
      retry: { retries: 0 },
    });
  }

  /** Null when the bytes are not in the wire format; otherwise the decoded value or a flag. */
  async decode(bytes: Buffer | null, where?: WirePart): Promise<WireDecode | null> {
    const wire = bytes === null ? null : confluentWireFormat(bytes);
    if (bytes === null || wire === null) return null;
    const id = wire.schemaId;
    const cached = this.registry.cache.getSchema(id);
    if (!cached) {
      const now = Date.now();
      if (now < this.downUntil) return { ok: false, flag: "schema-unavailable" };
      if (now < (this.unknownUntil.get(id) ?? 0)) return { ok: false, flag: "schema-unknown" };
      try {
        await this.registry.getSchema(id);
      } catch (error) {
        const flag = flagOfFetchError(error);
        if (flag === "schema-unknown") this.unknownUntil.set(id, now + this.coolDownMs);
        else this.downUntil = now + this.coolDownMs;
        return { ok: false, flag };
      }
    }
    let value: unknown;
    try {
      value = jsonSafe(await this.registry.decode(bytes));
    } catch {
      return { ok: false, flag: "schema-mismatch" };
    }
    const type = this.registry.cache.getSchema(id)?.type;
    const { subject, version } = subjectFor(await this.subjectsOf(id), where);
    const schema: SchemaRef = { id, subject, version, format: schemaFormat(type) };
    return { ok: true, value, schema };
  }

  /** Whether the registry answers now: the retry job waits for it. */
  async reachable(): Promise<boolean> {
    try {
      const response = await fetch(`${this.settings.url}/subjects`, {
        headers: registryHeaders(this.settings),
        signal: AbortSignal.timeout(2_000),
      });
      if (response.ok) this.downUntil = 0;
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Lets the next read ask the registry again for ids it did not know. */
  forgetUnknown(): void {
    this.unknownUntil.clear();
  }

  private subjectsOf(id: number): Promise<Subject[]> {
    let found = this.subjects.get(id);
    if (!found) {
      found = this.fetchSubject(id);
      this.subjects.set(id, found);
    }
    return found;
  }

  // Best effort: the value decodes without it, so a failure leaves subject and version unknown.
  private async fetchSubject(id: number): Promise<Subject[]> {
    try {
      const response = await fetch(`${this.settings.url}/schemas/ids/${id}/versions`, {
        headers: registryHeaders(this.settings),
        signal: AbortSignal.timeout(2_000),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const versions = (await response.json()) as { subject?: string; version?: number }[];
      return versions.map((v) => ({ subject: v.subject ?? null, version: v.version ?? null }));
    } catch {
      this.subjects.delete(id);
      return [];
    }
  }
}
