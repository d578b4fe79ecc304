import {
  buildContract,
  summaryOf,
  type ContractDetail,
  type ContractSummary,
} from "../contracts/contract";
import { contractAggregates, shapeSharesSince } from "../elastic/contracts";
import { shapesById } from "../elastic/shapes";
import { registeredVersions } from "../registry/registry-http";
import type { Registered } from "../contracts/contract";
import { errorMessage } from "../log";
import type { ServerContext } from "./context";

type Deps = Pick<ServerContext, "config" | "es" | "offsets">;

/** Consumer groups per topic from the broker's committed offsets, or why they are unknown. */
async function consumersByTopic(deps: Deps): Promise<Map<string, string[]> | { error: string }> {
  try {
    const { offsets } = await deps.offsets.read();
    return new Map([...offsets].map(([topic, groups]) => [topic, [...groups.keys()]]));
  } catch (error) {
    return { error: `Kafka did not list its consumer groups: ${errorMessage(error)}` };
  }
}

/** The versions registered under the subjects the type's values were decoded with. */
async function registeredFor(deps: Deps, subjects: readonly string[]): Promise<Registered> {
  const registry = deps.config.schemaRegistry;
  if (registry === null) return { versions: null, error: null };
  try {
    const lists = await Promise.all(
      subjects.map((subject) => registeredVersions(registry, subject)),
    );
    return { versions: lists.flat(), error: null };
  } catch (error) {
    return {
      versions: null,
      error: `The schema registry did not list the versions: ${errorMessage(error)}`,
    };
  }
}

export async function listContracts(deps: Deps): Promise<ContractSummary[]> {
  const prefix = deps.config.indexPrefix;
  const aggregates = await contractAggregates(deps.es, prefix);
  const ids = aggregates.flatMap((aggregate) => aggregate.shapes.map((shape) => shape.shapeId));
  const [stored, consumers] = await Promise.all([
    shapesById(deps.es, prefix, ids),
    consumersByTopic(deps),
  ]);
  return aggregates.map((aggregate) => summaryOf(buildContract(aggregate, stored, consumers)));
}

/** One event type's contract, or null when no record of it is indexed. */
export async function getContract(deps: Deps, eventType: string): Promise<ContractDetail | null> {
  const prefix = deps.config.indexPrefix;
  const [aggregate] = await contractAggregates(deps.es, prefix, eventType);
  if (!aggregate) return null;
  const [stored, consumers, shares, registered] = await Promise.all([
    shapesById(
      deps.es,
      prefix,
      aggregate.shapes.map((shape) => shape.shapeId),
    ),
    consumersByTopic(deps),
    shapeSharesSince(deps.es, prefix, eventType, aggregate.shapes.slice(1)),
    registeredFor(deps, aggregate.subjects),
  ]);
  return buildContract(aggregate, stored, consumers, shares, registered);
}
