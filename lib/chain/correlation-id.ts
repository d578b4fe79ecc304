import { z } from "zod";

/**
 * A correlation id as a user may paste it: 1–256 visible characters, no whitespace or control
 * characters. It is only ever used as an exact term value, never as query syntax.
 */
export const CorrelationId = z
  .string()
  .min(1, "correlation id is empty")
  .max(256, "correlation id is longer than 256 characters")
  .regex(/^[^\s\p{Cc}]+$/u, "correlation id must not contain whitespace or control characters");
export type CorrelationId = z.infer<typeof CorrelationId>;
