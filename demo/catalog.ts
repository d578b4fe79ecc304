import { randomInt } from "node:crypto";
import type { Address, OrderLine } from "./events";

/** Plausible shop data, so payloads in the chain view look like a real business's. */

const PRODUCTS = [
  { sku: "SKU-10021", name: "Trail running shoes", unit_price: 119.9 },
  { sku: "SKU-10244", name: "Merino wool socks (3 pack)", unit_price: 24.5 },
  { sku: "SKU-20310", name: "Insulated water bottle 750 ml", unit_price: 29.0 },
  { sku: "SKU-20577", name: "Headlamp 400 lm", unit_price: 44.95 },
  { sku: "SKU-30102", name: "Packable rain jacket", unit_price: 149.0 },
  { sku: "SKU-30418", name: "Trekking poles (pair)", unit_price: 89.0 },
  { sku: "SKU-40026", name: "Energy gels (12 pack)", unit_price: 21.6 },
  { sku: "SKU-40991", name: "First-aid kit", unit_price: 18.75 },
] as const;

const ADDRESSES: readonly Address[] = [
  { street: "Keizersgracht 123", city: "Amsterdam", postal_code: "1015 CJ", country: "NL" },
  { street: "Torstraße 68", city: "Berlin", postal_code: "10119", country: "DE" },
  { street: "12 Rue de la Roquette", city: "Paris", postal_code: "75011", country: "FR" },
  { street: "Calle de Alcalá 45", city: "Madrid", postal_code: "28014", country: "ES" },
  { street: "Via Tortona 27", city: "Milano", postal_code: "20144", country: "IT" },
  { street: "221B Baker Street", city: "London", postal_code: "NW1 6XE", country: "GB" },
];

const CARD_BRANDS = ["visa", "mastercard", "amex"] as const;
export const CARRIERS = [
  { carrier: "DHL Express", service_level: "express", days: 1, prefix: "JD0146" },
  { carrier: "UPS", service_level: "standard", days: 3, prefix: "1Z999AA1" },
  { carrier: "PostNL", service_level: "economy", days: 4, prefix: "3SPNL" },
] as const;
export const WAREHOUSES = ["WH-AMS-1", "WH-FRA-2", "WH-MAD-1"] as const;

export function pick<T>(items: readonly T[]): T {
  const item = items[randomInt(items.length)];
  if (item === undefined) throw new Error("pick() needs at least one item");
  return item;
}

export function digits(count: number): string {
  return Array.from({ length: count }, () => randomInt(10)).join("");
}

export function randomBasket(): OrderLine[] {
  const lineCount = 1 + randomInt(3);
  const chosen = [...PRODUCTS].sort(() => Math.random() - 0.5).slice(0, lineCount);
  return chosen.map((product) => ({ ...product, quantity: 1 + randomInt(3) }));
}

export function basketTotal(items: readonly OrderLine[]): number {
  const cents = items.reduce(
    (sum, line) => sum + Math.round(line.unit_price * 100) * line.quantity,
    0,
  );
  return cents / 100;
}

export function randomCustomer(): { customer_id: string; address: Address } {
  return { customer_id: `cust-${digits(6)}`, address: pick(ADDRESSES) };
}

export function randomCard(): { type: "card"; brand: string; last4: string } {
  return { type: "card", brand: pick(CARD_BRANDS), last4: digits(4) };
}
