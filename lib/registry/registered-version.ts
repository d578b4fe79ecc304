import { z } from "zod";

/** One schema version a registry holds under a subject, as the contracts API lists it. */
export const RegisteredVersion = z.object({
  subject: z.string(),
  version: z.number().int(),
  id: z.number().int(),
  /** AVRO, PROTOBUF or JSON; the Confluent API leaves it out for Avro. */
  schemaType: z.string(),
});
export type RegisteredVersion = z.infer<typeof RegisteredVersion>;
